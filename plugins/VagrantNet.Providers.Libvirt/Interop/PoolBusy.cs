using Polly;
using Polly.Retry;

namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>
/// libvirt refuses any call on a storage pool while another client's volume creation or upload on it is in flight
/// ("internal error: pool 'default' has asynchronous jobs running"), as when machines come up in parallel. That state
/// ends with the other job, so pool and volume calls wait it out, for a bounded time, instead of failing the machine.
/// </summary>
internal static class PoolBusy
{
    private static readonly ResiliencePipeline Pipeline = Build(TimeSpan.FromMilliseconds(200));

    /// <summary>About 30 s in all: a volume creation or an upload of another machine's seed finishes well within it.</summary>
    internal static ResiliencePipeline Build(TimeSpan firstDelay) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<LibvirtException>(IsTransient),
            MaxRetryAttempts = 20,
            Delay = firstDelay,
            BackoffType = DelayBackoffType.Exponential,
            MaxDelay = firstDelay * 10,
            UseJitter = true,
        })
        .Build();

    public static bool IsTransient(LibvirtException error) =>
        error.Message.Contains("has asynchronous jobs running", StringComparison.Ordinal);

    public static T Retry<T>(Func<T> call) => Pipeline.Execute(call);

    public static void Retry(Action call) => Pipeline.Execute(call);
}
