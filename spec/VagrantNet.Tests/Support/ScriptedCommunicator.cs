using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Tests.Support;

/// <summary>A communicator that answers each command from a script and records what was asked.</summary>
internal sealed class ScriptedCommunicator(Func<string, (int Exit, string[] Stdout)> answer) : ICommunicator
{
    public List<string> Log { get; } = [];

    public Task<bool> ReadyAsync(CancellationToken cancellation) => Task.FromResult(true);

    public Task WaitForReadyAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        Log.Add("wait");
        return Task.CompletedTask;
    }

    public Task<int> ExecuteAsync(string command, ExecuteOptions? options, CancellationToken cancellation)
    {
        Log.Add((options?.Sudo == true ? "sudo: " : string.Empty) + command);
        var (exit, stdout) = answer(command);
        foreach (var line in stdout)
        {
            options?.OnStdout?.Invoke(line);
        }

        return exit != 0 && options?.ErrorOnFailure != false
            ? throw new RemoteCommandException(command, exit, string.Empty)
            : Task.FromResult(exit);
    }

    public async Task<bool> TestAsync(string command, bool sudo, CancellationToken cancellation) =>
        await ExecuteAsync(command, new ExecuteOptions { Sudo = sudo, ErrorOnFailure = false }, cancellation) == 0;

    public Task UploadAsync(string localPath, string remotePath, CancellationToken cancellation)
    {
        Log.Add($"upload {remotePath}");
        return Task.CompletedTask;
    }

    public Task DownloadAsync(string remotePath, string localPath, CancellationToken cancellation) => Task.CompletedTask;

    public Task ResetAsync()
    {
        Log.Add("reset");
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
