using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>Clears the machine's id (and with it the machine-index entry) and its state files.</summary>
public sealed class ForgetMachine : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        context.Machine.Id = null;
        foreach (var file in new[] { "created_networks", "box_meta", "action_provision", "synced_folders", "known_hosts", "private_key", "private_key.pub" })
        {
            context.Machine.DeleteState(file);
        }

        await next(context).ConfigureAwait(false);
    }
}
