namespace VagrantNet.Sdk.Plugins;

/// <summary>Talks to a running guest: runs commands and moves files. One instance serves a whole command.</summary>
public interface ICommunicator : IAsyncDisposable
{
    /// <summary>Whether the guest answers now (one quick attempt).</summary>
    Task<bool> ReadyAsync(CancellationToken cancellation);

    /// <summary>Waits until the guest answers, up to <paramref name="timeout"/>; throws with the last error otherwise.</summary>
    Task WaitForReadyAsync(TimeSpan timeout, CancellationToken cancellation);

    /// <summary>Runs <paramref name="command"/>; returns its exit code. Output goes to the callbacks line by line.</summary>
    Task<int> ExecuteAsync(string command, ExecuteOptions? options, CancellationToken cancellation);

    /// <summary>Runs a command and returns whether it exited 0.</summary>
    Task<bool> TestAsync(string command, bool sudo, CancellationToken cancellation);

    Task UploadAsync(string localPath, string remotePath, CancellationToken cancellation);

    Task DownloadAsync(string remotePath, string localPath, CancellationToken cancellation);

    /// <summary>Drops the connection so the next call reconnects (after a reboot or a group change).</summary>
    Task ResetAsync();
}

public sealed record ExecuteOptions
{
    public bool Sudo { get; init; }

    public Action<string>? OnStdout { get; init; }

    public Action<string>? OnStderr { get; init; }

    /// <summary>Throw <see cref="RemoteCommandException"/> on a non-zero exit (default).</summary>
    public bool ErrorOnFailure { get; init; } = true;

    public string? Shell { get; init; }

    /// <summary>Never log the command nor its output (secrets in the command line, such as a sensitive provisioner's env).</summary>
    public bool Sensitive { get; init; }
}

/// <summary>A guest command exited non-zero.</summary>
public sealed class RemoteCommandException(string command, int exitCode, string stderr)
    : Exception($"The command exited with status {exitCode}: {command}{(string.IsNullOrWhiteSpace(stderr) ? string.Empty : Environment.NewLine + stderr.TrimEnd())}")
{
    public string Command { get; } = command;

    public int ExitCode { get; } = exitCode;

    public string Stderr { get; } = stderr;
}
