using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Providers.Libvirt.Driver;

/// <summary>
/// <c>vnet box remove</c>'s libvirt part: deletes the box's image volume from every pool vnet uploaded it to (vagrant-libvirt
/// leaves them, and they pile up). An image still backing machines (a forced removal) is kept and said so; a pool that
/// cannot be reached is a warning, never a failed removal.
/// </summary>
public static class BoxImageRemoval
{
    public static Task RunAsync(BoxRemoval removal, CancellationToken cancellation)
    {
        var records = BoxImageRecord.Read(removal.Home, removal.Box);
        var kept = false;
        foreach (var record in records)
        {
            cancellation.ThrowIfCancellationRequested();
            if (removal.InUse)
            {
                removal.Ui.Warn($"Kept the image volume '{record.Volume}' in storage pool '{record.Pool}' ({record.Uri}): machines made from the box still use it as their base. Remove it with `virsh vol-delete` once they are destroyed.");
                kept = true;
                continue;
            }

            kept |= !Remove(record, removal.Ui);
        }

        if (!kept)
        {
            BoxImageRecord.Forget(removal.Home, removal.Box);
        }

        return Task.CompletedTask;
    }

    /// <summary>Deletes one recorded volume; true when it is gone (or was already).</summary>
    private static bool Remove(BoxImageRecord record, Sdk.Machines.IMachineUi ui)
    {
        try
        {
            using var connection = LibvirtConnection.Open(record.Uri);
            using var pool = connection.TryLookupStoragePool(record.Pool);
            using var volume = pool?.TryLookupVolume(record.Volume);
            if (volume is null)
            {
                return true;
            }

            volume.Delete();
            ui.Info($"Removed the box's image volume '{record.Volume}' from storage pool '{record.Pool}'.");
            return true;
        }
        catch (LibvirtException e)
        {
            ui.Warn($"The box's image volume '{record.Volume}' in storage pool '{record.Pool}' ({record.Uri}) could not be removed: {e.Message}. Remove it with `virsh vol-delete`.");
            return false;
        }
    }
}
