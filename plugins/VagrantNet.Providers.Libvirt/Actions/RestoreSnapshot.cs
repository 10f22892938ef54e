using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Returns the domain to a snapshot and leaves it running: a snapshot taken while running resumes where it was,
/// one taken while shut off boots. The guest's SSH sessions are gone either way, so the communicator reconnects.
/// </summary>
public sealed class RestoreSnapshot : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var name = context.Get(SnapshotKeys.Name);
        using var domain = context.Driver().RequireDomain();
        using var snapshot = domain.TryLookupSnapshot(name)
            ?? throw new LibvirtProviderException($"Machine '{context.Machine.Name}' has no snapshot named '{name}'. {DeleteSnapshot.Existing(domain)}");
        context.Ui.Info($"Restoring the snapshot '{name}'...");
        snapshot.Revert(SnapshotRevertFlags.Running);
        await context.Machine.Communicator.ResetAsync().ConfigureAwait(false);
        await next(context).ConfigureAwait(false);
    }
}
