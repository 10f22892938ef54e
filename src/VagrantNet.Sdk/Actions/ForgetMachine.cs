using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Sdk.Actions;

/// <summary>The end of a destroy: clears the machine's id (and with it the machine-index entry) and every state file.</summary>
public sealed class ForgetMachine : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        context.Machine.Id = null;
        context.Machine.DeleteAllState();

        await next(context).ConfigureAwait(false);
    }
}
