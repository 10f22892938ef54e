using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Sdk.Actions;

/// <summary>After the machine is up, sets <c>vm.hostname</c> in the guest through its <c>change_host_name</c> capability.</summary>
public sealed class SetHostname : IAction, IWorksAfterTheRest
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        await next(context).ConfigureAwait(false);
        if (context.Machine.Config.Vm.Hostname is { Length: > 0 } hostname)
        {
            context.Ui.Info($"Setting hostname to {hostname}...");
            await context.Machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.ChangeHostName, hostname, context.Cancellation).ConfigureAwait(false);
        }
    }
}
