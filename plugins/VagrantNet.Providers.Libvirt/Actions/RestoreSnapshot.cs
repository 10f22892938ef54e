using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Returns the domain to a snapshot and leaves it running: a snapshot taken while running resumes where it was,
/// one taken while shut off boots. The guest's SSH sessions are gone either way, so the communicator reconnects.
/// With <c>--no-start</c> the domain is left paused at the snapshot (libvirt can revert to a live snapshot without
/// running it only so): no guest code runs, and the steps that wait for the guest are skipped; <c>vnet resume</c> runs it.
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
        var start = context.GetOrDefault(SnapshotKeys.Start, true);
        snapshot.Revert(start ? SnapshotRevertFlags.Running : SnapshotRevertFlags.Paused);
        await context.Machine.Communicator.ResetAsync().ConfigureAwait(false);
        if (!start)
        {
            context.Ui.Info("The machine is left paused at the snapshot (--no-start); `vnet resume` runs it.");
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
