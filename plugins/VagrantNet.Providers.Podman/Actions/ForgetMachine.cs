using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Podman.Actions;

/// <summary>Clears the machine's id (and with it the machine-index entry) and every state file.</summary>
public sealed class ForgetMachine : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        context.Machine.Id = null;
        context.Machine.DeleteAllState();
        await next(context).ConfigureAwait(false);
    }
}
