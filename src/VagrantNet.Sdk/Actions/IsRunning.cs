using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Sdk.Actions;

/// <summary>Whether the provider reports the machine <c>running</c>.</summary>
public sealed class IsRunning : ICondition
{
    /// <summary>The state id a provider reports for a running machine.</summary>
    public const string RunningId = "running";

    public async Task<bool> EvaluateAsync(ActionContext context)
    {
        var state = await context.Machine.StateAsync(context.Cancellation).ConfigureAwait(false);
        return state.Id == RunningId;
    }
}
