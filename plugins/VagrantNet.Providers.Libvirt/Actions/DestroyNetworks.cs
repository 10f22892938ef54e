using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Removes the networks vnet created that the destroyed domain used and no other domain uses, whichever machine created
/// them: those <see cref="DestroyDomain"/> listed in the machine's journal.
/// </summary>
public sealed class DestroyNetworks : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        if (context.GetOrDefault(LibvirtKeys.Journal) is { } journal)
        {
            await CreationUndo.DeleteNetworksAsync(context, journal, context.Cancellation).ConfigureAwait(false);
        }

        await next(context).ConfigureAwait(false);
    }
}
