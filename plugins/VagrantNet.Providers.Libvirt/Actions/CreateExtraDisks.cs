using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Creates the machine's extra disks (<see cref="LibvirtConfig.AddDisk"/>) as empty volumes in its storage pool, each
/// recorded in the creation journal first so a failed or killed <c>up</c> removes it. A disk with
/// <c>allowExisting</c> whose volume is there already is used as it is (and is not journaled: it was not made here);
/// any other volume of that name is refused, never overwritten, as vagrant-libvirt does.
/// </summary>
public sealed class CreateExtraDisks : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var config = context.LibvirtConfig();
        var (disks, _) = StoragePlan.For(context, context.Get(LibvirtKeys.DomainName));
        var paths = new List<(PlannedDisk Disk, string Path)>();
        if (disks.Count > 0)
        {
            using var pool = context.Driver().EnsurePool(config.StoragePoolName!, config.StoragePoolPath!);
            foreach (var planned in disks)
            {
                paths.Add((planned, Create(context, pool, planned)));
            }
        }

        context.Set(LibvirtKeys.ExtraDisks, paths);
        await next(context).ConfigureAwait(false);
    }

    private static string Create(ActionContext context, Interop.LibvirtStoragePool pool, PlannedDisk planned)
    {
        var name = planned.VolumeName;
        using (var existing = pool.TryLookupVolume(name))
        {
            if (existing is not null)
            {
                if (!planned.Disk.AllowExisting)
                {
                    throw new LibvirtProviderException(
                        $"Machine '{context.Machine.Name}': libvirt.storage disk {planned.Device}: volume '{name}' already exists in pool '{pool.Name}'. " +
                        "Give AddDisk allowExisting: true to attach it as it is, or remove it (`virsh vol-delete --pool " + pool.Name + " " + name + "`).");
                }

                context.Ui.Info($"Using the existing volume {name} as disk {planned.Device} (allowExisting: destroy keeps it).");
                return existing.GetPath();
            }
        }

        DiskSize.TryParseGigabytes(planned.Disk.Size, out var gigabytes);
        context.Ui.Info($"Creating disk {planned.Device} ({planned.Disk.Size}, {planned.Disk.Type}, {planned.Bus}) as volume {name}.");
        context.Get(LibvirtKeys.Journal).RecordVolume(name);
        using var volume = pool.CreateVolume(VolumeXmlBuilder.Volume(name, DiskSize.Bytes(gigabytes), planned.Disk.Type).ToString());
        return volume.GetPath();
    }
}
