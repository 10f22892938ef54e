using VagrantNet.Sdk.Config;

namespace VagrantNet.Providers.Libvirt;

/// <summary>The checks of <see cref="LibvirtConfig.Storage"/> and <see cref="LibvirtConfig.Cdroms"/>.</summary>
public sealed partial class LibvirtConfig
{
    private static readonly string[] DiskCaches = ["default", "none", "writethrough", "writeback", "directsync", "unsafe"];

    private static readonly string[] DiskIoModes = ["threads", "native", "io_uring"];

    private static readonly string[] CdromBuses = ["ide", "sata", "scsi", "usb"];

    private void ValidateStorage(Action<string, string> error)
    {
        foreach (var (disk, index) in Storage.Select((d, i) => (d, i + 1)))
        {
            void Error(string message) => error("storage", $"disk {index}: {message}");

            if (disk.Size is null || !DiskSize.TryParseGigabytes(disk.Size, out _))
            {
                Error($"size {UserText.Quote(disk.Size)} must be a number with an optional unit (M, G, T)");
            }

            if (disk.Bus is not null && !DiskBuses.Contains(disk.Bus, StringComparer.Ordinal))
            {
                Error($"bus {UserText.Quote(disk.Bus)} is not a disk bus; use one of {string.Join(", ", DiskBuses)}");
            }

            if (disk.Type is not ("qcow2" or "raw"))
            {
                Error($"type {UserText.Quote(disk.Type)} must be qcow2 or raw");
            }

            if (disk.Cache is not null && !DiskCaches.Contains(disk.Cache, StringComparer.Ordinal))
            {
                Error($"cache {UserText.Quote(disk.Cache)} must be one of {string.Join(", ", DiskCaches)}");
            }

            if (disk.Device is not null && !DiskDevice().IsMatch(disk.Device))
            {
                Error($"device {UserText.Quote(disk.Device)} must be a device name such as vdb or sdb");
            }

            // vagrant-libvirt refuses absolute paths too: the disk is a volume of the pool, named by its path.
            if (disk.Path is not null && (disk.Path.Length == 0 || disk.Path.Contains('/', StringComparison.Ordinal) || disk.Path is "." or ".."))
            {
                Error($"path {UserText.Quote(disk.Path)} must be a volume name in the storage pool, such as shared.img (no directories)");
            }

            CheckChoice(Error, "io", disk.Io, DiskIoModes);
            CheckChoice(Error, "copy_on_read", disk.CopyOnRead, ["on", "off"]);
            CheckChoice(Error, "discard", disk.Discard, ["unmap", "ignore"]);
            CheckChoice(Error, "detect_zeroes", disk.DetectZeroes, ["off", "on", "unmap"]);

            // libvirt's rule for a disk serial: it reaches QEMU's command line, so only these characters.
            if (disk.Serial is not null && !DiskSerial().IsMatch(disk.Serial))
            {
                Error($"serial {UserText.Quote(disk.Serial)} may hold only letters, digits, space, '_', '+', '-' and '.'");
            }

            if (disk.Wwn is not null && !DiskWwn().IsMatch(disk.Wwn))
            {
                Error($"wwn {UserText.Quote(disk.Wwn)} must be 16 hexadecimal digits, such as 0x5000c50015ea71ad");
            }
        }

        foreach (var (cdrom, index) in Cdroms.Select((c, i) => (c, i + 1)))
        {
            void Error(string message) => error("storage", $"cdrom {index}: {message}");

            if (cdrom.Path is null || !Path.IsPathRooted(cdrom.Path))
            {
                Error($"path {UserText.Quote(cdrom.Path)} must be the absolute path of an ISO image on the libvirt host");
            }

            if (cdrom.Bus is not null && !CdromBuses.Contains(cdrom.Bus, StringComparer.Ordinal))
            {
                Error($"bus {UserText.Quote(cdrom.Bus)} is not a CD-ROM bus; use one of {string.Join(", ", CdromBuses)}");
            }

            if (cdrom.Device is not null && !DiskDevice().IsMatch(cdrom.Device))
            {
                Error($"device {UserText.Quote(cdrom.Device)} must be a device name such as hdc or sdb");
            }
        }

        var devices = new Dictionary<string, string>(StringComparer.Ordinal) { [DiskDeviceName ?? Actions.CreateDomain.DeviceName(DiskBus ?? "virtio", 0)] = "the root disk" };
        var named = Storage.Select((d, i) => (d.Device, What: $"disk {i + 1}")).Concat(Cdroms.Select((c, i) => (c.Device, What: $"cdrom {i + 1}")));
        foreach (var (device, what) in named)
        {
            if (device is not null && !devices.TryAdd(device, what))
            {
                error("storage", $"{what}: device {device} is already {devices[device]}'s; give each disk its own device name");
            }
        }

        var volumes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (disk, index) in Storage.Select((d, i) => (d, i + 1)))
        {
            if (disk.Path is not null && !volumes.Add(disk.Path))
            {
                error("storage", $"disk {index}: path {disk.Path} is another disk's volume too; a volume is attached once");
            }
        }
    }

    private static void CheckChoice(Action<string> error, string option, string? value, string[] known)
    {
        if (value is not null && !known.Contains(value, StringComparer.Ordinal))
        {
            error($"{option} {UserText.Quote(value)} must be one of {string.Join(", ", known)}");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^(vd|sd|hd|xvd)[a-z]{1,2}$")]
    private static partial System.Text.RegularExpressions.Regex DiskDevice();

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_ .+-]+$")]
    private static partial System.Text.RegularExpressions.Regex DiskSerial();

    [System.Text.RegularExpressions.GeneratedRegex("^(0x)?[0-9A-Fa-f]{16}$")]
    private static partial System.Text.RegularExpressions.Regex DiskWwn();
}

/// <summary>
/// An extra disk attached to the domain (vagrant-libvirt's <c>libvirt.storage :file</c>): the options past the first
/// five are vagrant-libvirt's of the same names.
/// </summary>
public sealed record ExtraDisk(string Size, string Type, string? Bus, string? Device, string? Cache)
{
    /// <summary>The volume's name in the storage pool; default <c>&lt;domain&gt;-&lt;device&gt;.&lt;type&gt;</c>.</summary>
    public string? Path { get; init; }

    /// <summary>Use the volume when it exists already (else create it); destroy never deletes it.</summary>
    public bool AllowExisting { get; init; }

    /// <summary>Several domains may attach it at once (<c>&lt;shareable/&gt;</c>).</summary>
    public bool Shareable { get; init; }

    public string? Serial { get; init; }

    public string? Wwn { get; init; }

    /// <summary>threads, native or io_uring.</summary>
    public string? Io { get; init; }

    /// <summary>on or off.</summary>
    public string? CopyOnRead { get; init; }

    /// <summary>unmap or ignore.</summary>
    public string? Discard { get; init; }

    /// <summary>off, on or unmap.</summary>
    public string? DetectZeroes { get; init; }
}

/// <summary>An ISO image on the libvirt host attached as a read-only CD-ROM.</summary>
public sealed record CdromDrive(string Path, string? Bus, string? Device);
