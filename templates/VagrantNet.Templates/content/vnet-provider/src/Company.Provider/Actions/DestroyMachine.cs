using VagrantNet.Sdk.Pipeline;

namespace Company.Provider.Actions;

/// <summary>Removes the machine; the SDK's ForgetMachine, next in the recipe, then forgets its id and state files.</summary>
public sealed class DestroyMachine : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        context.Ui.Info("Destroying the machine...");
        await next(context).ConfigureAwait(false);
    }
}
