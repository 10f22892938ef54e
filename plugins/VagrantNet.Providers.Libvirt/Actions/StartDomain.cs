using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>Starts the domain (restoring a managed-save image when there is one).</summary>
public sealed class StartDomain : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        using var domain = context.Driver().RequireDomain();
        context.Ui.Info(domain.HasManagedSaveImage() ? "Restoring domain from its saved state..." : "Starting domain.");
        domain.Create();
        await next(context).ConfigureAwait(false);
    }
}
