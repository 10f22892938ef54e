using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>Suspends the domain: paused in memory (<c>pause</c>) or saved to disk (<c>managedsave</c>).</summary>
public sealed class SuspendDomain : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        using var domain = context.Driver().RequireDomain();
        if (context.LibvirtConfig().SuspendMode == "managedsave")
        {
            context.Ui.Info("Saving the domain's state to disk (managed save)...");
            domain.ManagedSave();
        }
        else
        {
            context.Ui.Info("Suspending domain...");
            domain.Suspend();
        }

        await next(context).ConfigureAwait(false);
    }
}
