using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Sdk.Actions;

/// <summary>After the machine is up, sets <c>vm.hostname</c> in the guest through its <c>change_host_name</c> capability.</summary>
public sealed class SetHostname : IAction, IWorksAfterTheRest
{
    public const string Capability = "change_host_name";

    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        await next(context).ConfigureAwait(false);
        if (context.Machine.Config.Vm.Hostname is { Length: > 0 } hostname)
        {
            context.Ui.Info($"Setting hostname to {hostname}...");
            await context.Machine.Guest.InvokeAsync(Capability, context.Cancellation, hostname).ConfigureAwait(false);
        }
    }
}
