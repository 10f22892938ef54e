using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Creates the machine's root disk: a qcow2 overlay on the shared box image (copy on write); on a box-less machine a
/// blank qcow2 of <c>machine_virtual_size</c> (an installer's target), or none when that is unset (vagrant-libvirt's
/// disk-less PXE machine; its <c>libvirt.storage</c> disks are its disks then). Recorded in the creation journal first,
/// so a failed or killed <c>up</c> removes it.
/// </summary>
public sealed class CreateDomainVolume : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var config = context.LibvirtConfig();
        var image = context.GetOrDefault(LibvirtKeys.BoxImage);
        if (!HasRootDisk(context.Machine.Config, config))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var name = context.Get(LibvirtKeys.DomainName) + ".img";
        var capacity = Math.Max(image?.VirtualSizeBytes ?? 0, config.MachineVirtualSize is { } gb ? DiskSize.Bytes(gb) : 0);
        using var pool = context.Driver().EnsurePool(config.StoragePoolName!, config.StoragePoolPath!);
        using (var stale = pool.TryLookupVolume(name))
        {
            if (stale is not null)
            {
                // Left by a failed earlier attempt (the domain name is free, so nothing uses it).
                stale.Delete();
            }
        }

        context.Ui.Info(image is null ? "Creating a blank root disk (the machine has no box)." : "Creating image (snapshot of base box volume).");
        context.Get(LibvirtKeys.Journal).RecordVolume(name);
        var xml = image is null ? VolumeXmlBuilder.Volume(name, capacity, "qcow2") : VolumeXmlBuilder.Overlay(name, capacity, image.Path, image.Format);
        using var volume = pool.CreateVolume(xml.ToString());
        context.Set(LibvirtKeys.RootVolumePath, volume.GetPath());
        await next(context).ConfigureAwait(false);
    }

    /// <summary>Whether the machine gets a root disk: always from a box, on a box-less machine only with a size.</summary>
    public static bool HasRootDisk(Sdk.Config.RootConfig machine, LibvirtConfig config) => HasBox.Of(machine) || config.MachineVirtualSize is not null;
}
