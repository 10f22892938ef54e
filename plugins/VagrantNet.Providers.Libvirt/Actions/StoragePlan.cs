namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>An extra disk with its device and volume name settled.</summary>
public sealed record PlannedDisk(ExtraDisk Disk, string Device, string Bus, string VolumeName);

/// <summary>A CD-ROM with its device settled.</summary>
public sealed record PlannedCdrom(CdromDrive Cdrom, string Device, string Bus);

/// <summary>
/// Gives each extra disk and CD-ROM its device name and each disk its volume name, as vagrant-libvirt does: the
/// names given are kept, then the others take the next free name of their bus's prefix (a root disk vda makes the
/// first extra virtio disk vdb; an ide CD-ROM hda...), and a disk's volume is <c>&lt;domain&gt;-&lt;device&gt;.&lt;type&gt;</c>
/// unless it has a path. The same config always gives the same plan, so destroy finds what <c>up</c> made.
/// </summary>
public static class StoragePlan
{
    /// <summary>The device the cloud-init seed CD takes (on virtio-scsi).</summary>
    public const string CloudInitSeedDevice = "sda";

    public static (IReadOnlyList<PlannedDisk> Disks, IReadOnlyList<PlannedCdrom> Cdroms) For(LibvirtConfig config, string domainName, string machineName, bool cloudInitSeed)
    {
        var rootDevice = RootDevice(config);
        var taken = new Dictionary<string, string>(StringComparer.Ordinal) { [rootDevice] = "the root disk" };
        if (cloudInitSeed)
        {
            taken[CloudInitSeedDevice] = "the cloud-init seed";
        }

        foreach (var (device, what) in config.Storage.Select((d, i) => (d.Device, $"disk {i + 1}")).Concat(config.Cdroms.Select((c, i) => (c.Device, $"cdrom {i + 1}"))))
        {
            if (device is not null && !taken.TryAdd(device, what))
            {
                throw new LibvirtProviderException($"Machine '{machineName}': libvirt.storage {what}: device {device} is already {taken[device]}'s; give each disk its own device name.");
            }
        }

        string Next(string bus, string what)
        {
            var prefix = Prefix(bus);
            var last = bus == "ide" ? 'd' : 'z'; // IDE has two buses of two units: hda to hdd
            for (var letter = 'a'; letter <= last; letter++)
            {
                var device = prefix + letter;
                if (taken.TryAdd(device, what))
                {
                    return device;
                }
            }

            throw new LibvirtProviderException($"Machine '{machineName}': libvirt.storage {what}: no free device name is left on the {bus} bus ({prefix}a to {prefix}{last}).");
        }

        var disks = config.Storage.Select((disk, i) =>
        {
            var bus = disk.Bus ?? "virtio";
            var device = disk.Device ?? Next(bus, $"disk {i + 1}");
            return new PlannedDisk(disk, device, bus, disk.Path ?? $"{domainName}-{device}.{disk.Type}");
        }).ToList();
        var cdroms = config.Cdroms.Select((cdrom, i) =>
        {
            var bus = cdrom.Bus ?? "ide";
            return new PlannedCdrom(cdrom, cdrom.Device ?? Next(bus, $"cdrom {i + 1}"), bus);
        }).ToList();
        return (disks, cdroms);
    }

    /// <summary>The plan of the machine in <paramref name="context"/>, whose domain is <paramref name="domainName"/>.</summary>
    public static (IReadOnlyList<PlannedDisk> Disks, IReadOnlyList<PlannedCdrom> Cdroms) For(Sdk.Pipeline.ActionContext context, string domainName) =>
        For(context.LibvirtConfig(), domainName, context.Machine.Name, context.Machine.Config.Vm.CloudInit.Parts.Count > 0);

    public static string RootDevice(LibvirtConfig config) => config.DiskDeviceName ?? CreateDomain.DeviceName(config.DiskBus ?? "virtio", 0);

    private static string Prefix(string bus) => bus switch { "virtio" => "vd", "ide" => "hd", _ => "sd" };
}
