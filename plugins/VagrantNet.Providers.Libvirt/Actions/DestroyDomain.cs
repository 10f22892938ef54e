using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Powers off and undefines the domain, then deletes its volumes: never the shared box image, a CD-ROM's ISO, nor an
/// extra disk given <c>allowExisting</c> (vagrant-libvirt leaves those to be removed by hand). First it writes the
/// machine's journal listing the domain, its volumes and the networks vnet made that it uses (for
/// <see cref="DestroyNetworks"/>): a destroy killed half way is then finished by the next <c>destroy</c> (or <c>up</c>)
/// as an interrupted creation would be.
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
                var disks = OwnDisks(context, domain);
                context.Set(LibvirtKeys.Journal, RecordIntent(context, domain, disks));
                if (domain.IsActive())
                {
                    domain.Destroy();
                }

                // An NVRAM file at a path the user gave is theirs: vagrant-libvirt keeps it too.
                LibvirtDriver.Undefine(domain, keepNvram: context.LibvirtConfig().Nvram is not null);
                DeleteVolumes(context, disks);
            }
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>
    /// The files of the domain's disks that are the machine's to remove: all but the CD-ROMs' ISOs and the extra
    /// disks given <c>allowExisting</c> (the box image is told apart by its name later).
    /// </summary>
    internal static IReadOnlyList<string> OwnDisks(ActionContext context, Interop.LibvirtDomain domain)
    {
        var (disks, cdroms) = StoragePlan.For(context, domain.Name);
        var kept = disks.Where(d => d.Disk.AllowExisting).Select(d => d.VolumeName).ToHashSet(StringComparer.Ordinal);
        var isos = cdroms.Select(c => c.Cdrom.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var name in kept)
        {
            context.Ui.Detail($"Keeping volume {name} (allowExisting: remove it by hand when no machine needs it)");
        }

        return [.. LibvirtDriver.DiskPaths(domain).Where(p => !isos.Contains(p) && !kept.Contains(Path.GetFileName(p)))];
    }

    private static CreationJournal RecordIntent(ActionContext context, Interop.LibvirtDomain domain, IReadOnlyList<string> disks)
    {
        var driver = context.Driver();
        var volumes = HandleBoxImage.OwnVolumes(disks);
        var journal = CreationJournal.Adopt(context.Machine, domain.Name, domain.Uuid, context.LibvirtConfig().StoragePoolName!, volumes);
        var kept = KeptUnlessCreator(context);
        foreach (var name in LibvirtDriver.NetworkNames(domain))
        {
            using var network = driver.FindNetwork(name);
            if (network is not null && driver.CreatedNetworks.Contains(network)
                && !(kept.Contains(name) && OwnerTag.Read(XElement.Parse(network.GetXmlDesc())) != CreateNetworks.OwnerOf(context)))
            {
                journal.RecordNetwork(name, network.Uuid);
            }
        }

        return journal;
    }

    /// <summary>
    /// The networks this machine may remove only if it created them: those its config gives
    /// <c>libvirt__always_destroy</c> false, and the management network with <c>management_network_keep</c>.
    /// </summary>
    private static HashSet<string> KeptUnlessCreator(ActionContext context)
    {
        var config = context.LibvirtConfig();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        if (config.ManagementNetworkKeep == true)
        {
            kept.Add(config.ManagementNetworkName!);
        }

        var networks = context.Machine.Config.Vm.Network.Networks
            .Where(n => n.Kind == NetworkKind.Private && Networks.NetworkOptions.Flag(n.OptionsFor(LibvirtConfig.Name), "always_destroy") == false)
            .ToList();
        if (networks.Count > 0)
        {
            var existing = PlanNetworkInterfaces.ExistingSubnets(context.Driver());
            kept.UnionWith(networks.Select(n => PlanNetworkInterfaces.NetworkName(n, n.OptionsFor(LibvirtConfig.Name), existing)));
        }

        return kept;
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
