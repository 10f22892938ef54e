using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>Resumes a paused domain, or restores one from its managed-save image.</summary>
public sealed class ResumeDomain : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        using var domain = context.Driver().RequireDomain();
        context.Ui.Info("Resuming domain...");
        // A domain a killed vnet was starting is left paused ("starting up") when libvirt abandons the start with its
        // client, or runs by now when the start went through: resume the one, leave the other.
        var state = domain.GetState().State;
        try
        {
            if (state == DomainState.Paused)
            {
                domain.Resume();
            }
            else if (state != DomainState.Running)
            {
                domain.Create();
            }
        }
        catch (LibvirtException) when (domain.GetState().State == DomainState.Running)
        {
            // It started by itself between the look and the call.
        }

        await context.Machine.Communicator.ResetAsync().ConfigureAwait(false);
        await next(context).ConfigureAwait(false);
    }
}
