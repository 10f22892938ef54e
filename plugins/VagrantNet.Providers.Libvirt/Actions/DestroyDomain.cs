using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Powers off and undefines the domain, then deletes its volumes (never the shared box image). First it writes the
/// machine's journal listing the domain, its volumes and the networks vnet made that it uses: a destroy killed half
/// way is then finished by the next <c>destroy</c> (or <c>up</c>) as an interrupted creation would be.
/// </summary>
public sealed class DestroyDomain : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        using (var domain = context.Driver().FindDomain())
        {
            if (domain is not null)
            {
                context.Ui.Info("Removing domain...");
                var disks = LibvirtDriver.DiskPaths(domain);
                var networks = LibvirtDriver.NetworkNames(domain);
                context.Set(LibvirtKeys.DomainNetworks, networks);
                RecordIntent(context, domain, disks, networks);
                if (domain.IsActive())
                {
                    domain.Destroy();
                }

                LibvirtDriver.Undefine(domain);
                DeleteVolumes(context, disks);
            }
        }

        await next(context).ConfigureAwait(false);
    }

    private static void RecordIntent(ActionContext context, Interop.LibvirtDomain domain, IReadOnlyList<string> disks, IReadOnlyList<string> networks)
    {
        var machine = context.Machine;
        var volumes = HandleBoxImage.OwnVolumes(disks);
        var journal = CreationJournal.Adopt(machine, domain.Name, domain.Uuid, context.LibvirtConfig().StoragePoolName!, volumes);
        var registry = context.Driver().CreatedNetworks;
        var own = (machine.ReadState("created_networks") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in networks.Where(n => own.Contains(n) || registry.Contains(n)))
        {
            using var network = context.Driver().FindNetwork(name);
            if (network is not null && System.Xml.Linq.XElement.Parse(network.GetXmlDesc()).Element("uuid")?.Value is { } uuid)
            {
                journal.RecordNetwork(name, uuid);
            }
        }
    }

    private static void DeleteVolumes(ActionContext context, IReadOnlyList<string> paths)
    {
        var config = context.LibvirtConfig();
        using var pool = context.Driver().FindPool(config.StoragePoolName!);
        if (pool is null)
        {
            return;
        }

        // No refresh: the volumes vnet made are known to libvirt, and a refresh would stall other machines' pool calls.
        foreach (var volume in pool.ListAllVolumes())
        {
            using (volume)
            {
                if (paths.Contains(volume.GetPath()) && !HandleBoxImage.IsBoxImage(volume.Name))
                {
                    context.Ui.Detail($"Deleting volume {volume.Name}");
                    volume.Delete();
                }
            }
        }
    }
}
