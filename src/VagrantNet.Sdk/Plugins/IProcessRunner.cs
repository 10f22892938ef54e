namespace VagrantNet.Sdk.Plugins;

/// <summary>
/// Runs host programs for the engine and plugins: an argument list, never through a shell. The engine's runner logs each
/// program it starts with its arguments (debug) and kills the whole process tree on cancellation; tests put a fake in its place.
/// </summary>
public interface IProcessRunner
{
    /// <summary>Runs <paramref name="request"/> to its end; throws <see cref="HostProgramMissingException"/> when the program cannot be started.</summary>
    Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellation);

    /// <summary>The path of <paramref name="program"/> on PATH (or the path itself when it has a slash and exists), else null.</summary>
    string? Find(string program);
}

/// <summary>One program run: its argument list and, optionally, where it runs, what it reads and who sees its lines as they come.</summary>
public sealed record ProcessRequest(string Program, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    public string? StandardInput { get; init; }

    public Action<string>? OnStdout { get; init; }

    public Action<string>? OnStderr { get; init; }
}

/// <summary>How a program ended and everything it wrote.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);

/// <summary>The host program could not be started (not installed, not executable).</summary>
public sealed class HostProgramMissingException(string program, Exception inner)
    : VnetError($"Could not run '{program}' on this host: {inner.Message}. Is it installed?", inner)
{
    public string Program { get; } = program;
}
