using VagrantNet.Sdk.Machines;

namespace VagrantNet.Providers.Podman.Driver;

/// <summary>
/// Talks to podman for one machine: every call is a <c>podman</c> run through the host's process runner. The steps
/// decide what to do; this class only knows podman's command lines and how to read their answers.
/// </summary>
internal sealed class PodmanDriver(IMachine machine)
{
    private readonly HostCommand _host = new(machine.Host.Processes);

    /// <summary>podman's state of the container (<c>running</c>, <c>exited</c>, <c>created</c>, <c>paused</c>...), or null when there is no such container.</summary>
    public async Task<string?> StatusAsync(string container, CancellationToken cancellation)
    {
        var result = await _host.TryAsync("podman", ["container", "inspect", "--format", "{{.State.Status}}", container], cancellation).ConfigureAwait(false);
        if (result.ExitCode == 0)
        {
            return result.Stdout.Trim();
        }

        if (result.Stderr.Contains("no such container", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        throw new PodmanException($"Machine '{machine.Name}': `podman container inspect {container}` failed (exit {result.ExitCode}): {result.Stderr.Trim()}");
    }

    /// <summary>The ids of every container, running or not, that carries this machine's labels.</summary>
    public async Task<IReadOnlyList<string>> LabelledContainersAsync(CancellationToken cancellation)
    {
        var output = await _host.RunAsync("podman", ["ps", "--all", "--quiet", "--no-trunc", .. ContainerLabels.Filters(machine)], cancellation).ConfigureAwait(false);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellation) =>
        (await _host.TryAsync("podman", ["image", "exists", image], cancellation).ConfigureAwait(false)).ExitCode == 0;

    /// <summary>Loads an archive; returns the image names podman reports (<c>Loaded image: NAME</c>), in order.</summary>
    public async Task<IReadOnlyList<string>> LoadAsync(string archive, CancellationToken cancellation)
    {
        var output = await _host.RunAsync("podman", ["load", "--input", archive], cancellation).ConfigureAwait(false);
        const string prefix = "Loaded image";
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Contains(':'))
            .SelectMany(l => l[(l.IndexOf(':') + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }

    /// <summary>Runs <c>podman create</c> with <paramref name="arguments"/>; returns the new container's id.</summary>
    public async Task<string> CreateAsync(IReadOnlyList<string> arguments, CancellationToken cancellation) =>
        (await _host.RunAsync("podman", ["create", .. arguments], cancellation).ConfigureAwait(false)).Trim();

    public Task StartAsync(string container, CancellationToken cancellation) =>
        _host.RunAsync("podman", ["start", container], cancellation);

    public Task StopAsync(string container, int timeoutSeconds, CancellationToken cancellation) =>
        _host.RunAsync("podman", ["stop", "--time", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), container], cancellation);

    /// <summary>Removes the container, running or not, with its anonymous volumes; one already gone is no error.</summary>
    public Task RemoveAsync(string container, CancellationToken cancellation) =>
        _host.RunAsync("podman", ["rm", "--force", "--ignore", "--volumes", container], cancellation);

    /// <summary>The host pid of the container's first process: its network namespace is <c>/proc/PID/ns/net</c>.</summary>
    public async Task<int> PidAsync(string container, CancellationToken cancellation)
    {
        var output = await _host.RunAsync("podman", ["container", "inspect", "--format", "{{.State.Pid}}", container], cancellation).ConfigureAwait(false);
        return int.TryParse(output.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) && pid > 0
            ? pid
            : throw new PodmanException($"Machine '{machine.Name}': podman reports no process for container {container} (pid {UserTextOf(output)}); is it running?");
    }

    /// <summary>The destinations of the container's mounts (where its synced folders are).</summary>
    public async Task<IReadOnlyList<string>> MountDestinationsAsync(string container, CancellationToken cancellation)
    {
        var output = await _host.RunAsync("podman", ["container", "inspect", "--format", "{{range .Mounts}}{{.Destination}}\n{{end}}", container], cancellation).ConfigureAwait(false);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private static string UserTextOf(string text) => Sdk.Config.UserText.Quote(text.Trim());
}
