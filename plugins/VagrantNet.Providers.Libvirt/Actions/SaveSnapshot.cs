using System.Xml.Linq;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Takes an internal snapshot of the domain (its disks, and its memory when it runs), as vagrant-libvirt does. The
/// disks are qcow2, so the snapshot lives inside the domain's own volumes and goes with them on destroy.
/// </summary>
public sealed class SaveSnapshot : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var name = context.Get(SnapshotKeys.Name);
        using var domain = context.Driver().RequireDomain();
        using (var existing = domain.TryLookupSnapshot(name))
        {
            if (existing is not null)
            {
                throw new LibvirtProviderException($"Machine '{context.Machine.Name}' already has a snapshot named '{name}'. Choose another name, or delete that one first (`vnet snapshot delete {context.Machine.Name} {name}`).");
            }
        }

        context.Ui.Info($"Snapshotting the machine as '{name}'...");
        var xml = new XElement("domainsnapshot", new XElement("name", name), new XElement("description", "taken by vnet snapshot save"));
        using (domain.CreateSnapshot(xml.ToString(SaveOptions.DisableFormatting)))
        {
        }

        context.Ui.Success($"Snapshot '{name}' saved. `vnet snapshot restore {context.Machine.Name} {name}` returns to it.");
        await next(context).ConfigureAwait(false);
    }
}
