using VagrantNet.Sdk.Pipeline;

namespace Company.Provider.Actions;

/// <summary>Removes the machine and forgets its id.</summary>
public sealed class DestroyMachine : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        context.Ui.Info("Destroying the machine...");
        context.Machine.Id = null;
        await next(context).ConfigureAwait(false);
    }
}
