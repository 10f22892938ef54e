using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Creates the machine's root disk: a qcow2 overlay on the shared box image (copy on write). Recorded in the creation
/// journal first, so a failed or killed <c>up</c> removes it.
/// </summary>
public sealed class CreateDomainVolume : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var config = context.LibvirtConfig();
        var image = context.Get(LibvirtKeys.BoxImage);
        var name = context.Get(LibvirtKeys.DomainName) + ".img";
        var capacity = Math.Max(image.VirtualSizeBytes, config.MachineVirtualSize is { } gb ? DiskSize.Bytes(gb) : 0);
        using var pool = context.Driver().EnsurePool(config.StoragePoolName!, config.StoragePoolPath!);
        using (var stale = pool.TryLookupVolume(name))
        {
            if (stale is not null)
            {
                // Left by a failed earlier attempt (the domain name is free, so nothing uses it).
                stale.Delete();
            }
        }

        context.Ui.Info($"Creating image (snapshot of base box volume).");
        context.Get(LibvirtKeys.Journal).RecordVolume(name);
        using var volume = pool.CreateVolume(VolumeXmlBuilder.Overlay(name, capacity, image.Path, image.Format).ToString());
        context.Set(LibvirtKeys.RootVolumePath, volume.GetPath());
        await next(context).ConfigureAwait(false);
    }
}
