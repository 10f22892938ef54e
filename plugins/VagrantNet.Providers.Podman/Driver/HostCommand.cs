using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Providers.Podman.Driver;

/// <summary>
/// One host program run through the machine's process runner, so it is logged and cancelled like the engine's own:
/// <see cref="RunAsync"/> throws with the program's stderr on a non-zero exit, <see cref="TryAsync"/> hands the result back.
/// </summary>
internal sealed class HostCommand(IProcessRunner processes)
{
    public async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellation)
    {
        var result = await TryAsync(program, arguments, cancellation).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            var error = string.IsNullOrWhiteSpace(result.Stderr) ? result.Stdout : result.Stderr;
            throw new PodmanException($"`{string.Join(' ', [program, .. arguments])}` failed (exit {result.ExitCode}): {error.Trim()}");
        }

        return result.Stdout;
    }

    public Task<ProcessResult> TryAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellation) =>
        processes.RunAsync(new ProcessRequest(program, arguments), cancellation);
}
