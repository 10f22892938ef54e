using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>Resumes a paused domain, or restores one from its managed-save image.</summary>
public sealed class ResumeDomain : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        using var domain = context.Provider().RequireDomain();
        context.Ui.Info("Resuming domain...");
        var state = domain.GetState().State;
        if (state == DomainState.Paused)
        {
            domain.Resume();
        }
        else if (state != DomainState.Running)
        {
            domain.Create();
        }

        await context.Machine.Communicator.ResetAsync().ConfigureAwait(false);
        await next(context).ConfigureAwait(false);
    }
}
