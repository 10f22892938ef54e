using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Podman.Actions;

/// <summary>Whether podman holds anything of the machine: its container, or one left by an interrupted creation.</summary>
public sealed class IsCreated : ICondition
{
    public async Task<bool> EvaluateAsync(ActionContext context) =>
        (await context.Machine.StateAsync(context.Cancellation).ConfigureAwait(false)).IsCreated;
}

/// <summary>Whether the container is running.</summary>
public sealed class IsRunning : ICondition
{
    public async Task<bool> EvaluateAsync(ActionContext context) =>
        (await context.Machine.StateAsync(context.Cancellation).ConfigureAwait(false)).Id == PodmanProvider.RunningId;
}
