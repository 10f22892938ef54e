using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Providers.Libvirt.Tests.Support;

/// <summary>A communicator for a guest the test driver never boots: only <see cref="ResetAsync"/> works (and is counted).</summary>
internal sealed class UnreachableCommunicator : ICommunicator
{
    public int Resets { get; private set; }

    public Task<bool> ReadyAsync(CancellationToken cancellation) => Task.FromResult(false);

    public Task WaitForReadyAsync(TimeSpan timeout, CancellationToken cancellation) => throw Unreachable();

    public Task<int> ExecuteAsync(string command, ExecuteOptions? options, CancellationToken cancellation) => throw Unreachable();

    public Task<bool> TestAsync(string command, bool sudo, CancellationToken cancellation) => throw Unreachable();

    public Task UploadAsync(string localPath, string remotePath, CancellationToken cancellation) => throw Unreachable();

    public Task DownloadAsync(string remotePath, string localPath, CancellationToken cancellation) => throw Unreachable();

    public Task ResetAsync()
    {
        Resets++;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static NotSupportedException Unreachable() => new("the test driver's guests have no SSH");
}

/// <summary>Guest capabilities of a guest that is never reachable: every capability fails.</summary>
internal sealed class UnreachableGuest : IGuestCapabilities
{
    public Task<string> DetectAsync(CancellationToken cancellation) => throw Unreachable();

    public Task<bool> HasAsync(GuestCapability capability, CancellationToken cancellation) => Task.FromResult(false);

    public Task<TResult> InvokeAsync<TArgs, TResult>(GuestCapability<TArgs, TResult> capability, TArgs args, CancellationToken cancellation) => throw Unreachable();

    private static NotSupportedException Unreachable() => new("the test driver's guests have no SSH");
}
