using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>Creates the machine's root disk: a qcow2 overlay on the shared box image (copy on write).</summary>
public sealed class CreateDomainVolume : IAction, IRecoverable
{
    private string? _created;

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
        using var volume = pool.CreateVolume(VolumeXmlBuilder.Overlay(name, capacity, image.Path, image.Format).ToString());
        _created = name;
        context.Set(LibvirtKeys.RootVolumePath, volume.GetPath());
        await next(context).ConfigureAwait(false);
    }

    public Task RecoverAsync(ActionContext context, Exception error)
    {
        if (_created is not null && context.GetOrDefault(CommandKeys.DestroyOnError, true))
        {
            var config = context.LibvirtConfig();
            using var pool = context.Driver().Connection.TryLookupStoragePool(config.StoragePoolName!);
            using var volume = pool?.TryLookupVolume(_created);
            volume?.Delete();
        }

        return Task.CompletedTask;
    }
}
