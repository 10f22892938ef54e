using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Sdk.Actions;

/// <summary>
/// Whether the provider holds the machine itself. An interrupted first <c>up</c> (<see cref="MachineState.Interrupted"/>) has
/// made no machine yet, so it is not created here, though <see cref="MachineState.IsCreated"/> counts it for destroy.
/// </summary>
public sealed class IsCreated : ICondition
{
    public async Task<bool> EvaluateAsync(ActionContext context)
    {
        var state = await context.Machine.StateAsync(context.Cancellation).ConfigureAwait(false);
        return state.Id is not (MachineState.NotCreatedId or MachineState.InterruptedId);
    }
}
