using VagrantNet.Providers.Podman.Driver;
using VagrantNet.Sdk;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Providers.Podman;

/// <summary>
/// Reaches a container without SSH: commands through <c>podman exec</c>, files through <c>podman cp</c>. Containers
/// run as root, so <see cref="ExecuteOptions.Sudo"/> means <c>--user root</c> and without it the image's user runs the
/// command. There is no connection to keep: <see cref="ResetAsync"/> has nothing to drop.
/// </summary>
public sealed class PodmanCommunicator(IMachine machine) : ICommunicator
{
    public const string Name = "podman";


    /// <summary>How long <see cref="WaitForReadyAsync"/> waits between attempts.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    public async Task<bool> ReadyAsync(CancellationToken cancellation) => await WhyNotReadyAsync(cancellation).ConfigureAwait(false) is null;

    public async Task WaitForReadyAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        string? why;
        while ((why = await WhyNotReadyAsync(cancellation).ConfigureAwait(false)) is not null)
        {
            try
            {
                await Task.Delay(RetryInterval, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                throw new PodmanException($"Machine '{machine.Name}': the container did not answer `podman exec` within {timeout.TotalSeconds:0} s: {why}");
            }
        }
    }

    public async Task<int> ExecuteAsync(string command, ExecuteOptions? options, CancellationToken cancellation)
    {
        options ??= new ExecuteOptions();
        var shell = (options.Shell ?? machine.Config.Ssh.Shell ?? "bash -l").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var result = await machine.Host.Processes.RunAsync(
            new ProcessRequest("podman", [.. ExecPrefix(options.Sudo), .. shell, "-c", command])
            {
                OnStdout = options.OnStdout,
                OnStderr = options.OnStderr,
            },
            cancellation).ConfigureAwait(false);
        if (result.ExitCode != 0 && options.ErrorOnFailure)
        {
            throw new RemoteCommandException(options.Sensitive ? "(sensitive command)" : command, result.ExitCode, options.Sensitive ? string.Empty : result.Stderr);
        }

        return result.ExitCode;
    }

    public async Task<bool> TestAsync(string command, bool sudo, CancellationToken cancellation) =>
        await ExecuteAsync(command, new ExecuteOptions { Sudo = sudo, ErrorOnFailure = false }, cancellation).ConfigureAwait(false) == 0;

    public Task UploadAsync(string localPath, string remotePath, CancellationToken cancellation) =>
        Host().RunAsync("podman", ["cp", localPath, $"{Container()}:{remotePath}"], cancellation);

    public Task DownloadAsync(string remotePath, string localPath, CancellationToken cancellation) =>
        Host().RunAsync("podman", ["cp", $"{Container()}:{remotePath}", localPath], cancellation);

    public Task ResetAsync() => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private IReadOnlyList<string> ExecPrefix(bool sudo) =>
        sudo ? ["exec", "--user", "root", Container()] : ["exec", Container()];

    /// <summary>Null when the container runs and a trivial command runs in it, else what stands in the way.</summary>
    private async Task<string?> WhyNotReadyAsync(CancellationToken cancellation)
    {
        if (machine.Id is null)
        {
            return "the machine has no container";
        }

        var state = await machine.StateAsync(cancellation).ConfigureAwait(false);
        if (state.Id != IsRunning.RunningId)
        {
            return $"the container is {state.ShortDescription}";
        }

        var result = await Host().TryAsync("podman", ["exec", Container(), "true"], cancellation).ConfigureAwait(false);
        return result.ExitCode == 0 ? null : $"`podman exec {Container()} true` exited {result.ExitCode}: {result.Stderr.Trim()}";
    }

    /// <summary>The host's runner as it is now (a test may replace it after the communicator is made).</summary>
    private HostCommand Host() => new(machine.Host.Processes);

    private string Container() =>
        machine.Id ?? throw new VnetError($"Machine '{machine.Name}' has no container. Run `vnet up` first.");
}
