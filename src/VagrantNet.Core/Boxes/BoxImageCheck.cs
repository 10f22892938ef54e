using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace VagrantNet.Core.Boxes;

/// <summary>
/// Checks the disk images of an unpacked libvirt box before it enters the store: each is the format its
/// metadata declares (qcow2 or raw, told by the header, never by the name), a qcow2 has no backing file and no
/// external data file (QEMU would open those host files at <c>up</c>), and no image is far larger than its
/// virtual size. The qcow2 header is read as the qcow2 specification lays it out; qemu-img is not needed.
/// </summary>
public static class BoxImageCheck
{
    /// <summary>How far an image may exceed its virtual size: qcow2 metadata and the like, never a second disk's worth.</summary>
    public static long Bound(long virtualSize) => virtualSize > (long.MaxValue - Slack) / 2 ? long.MaxValue : (2 * virtualSize) + Slack;

    private const long Slack = 64L << 20;

    private const ulong ExternalDataFileBit = 1UL << 2;

    private static ReadOnlySpan<byte> Qcow2Magic => [0x51, 0x46, 0x49, 0xfb];

    private static ReadOnlySpan<byte> LuksMagic => [0x4c, 0x55, 0x4b, 0x53, 0xba, 0xbe];

    public static void Check(string directory, BoxMetadata metadata, string box)
    {
        if (metadata.Provider != "libvirt")
        {
            return;
        }

        var declaredVirtual = metadata.Values.TryGetValue("virtual_size", out var size) && size.TryGetDouble(out var gb) ? (long)Math.Min(gb * (1L << 30), long.MaxValue / 4) : 0;
        var topFormat = metadata.Values.TryGetValue("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : "qcow2";
        foreach (var (path, format) in Disks(metadata, topFormat))
        {
            ArchivePath.TryNormalize(path, out var relative);
            CheckImage(Path.Combine(directory, relative), path, format, declaredVirtual, box);
        }
    }

    /// <summary>The virtual size in a qcow2 header, or null when <paramref name="head"/> is not one.</summary>
    public static long? Qcow2VirtualSize(ReadOnlySpan<byte> head) =>
        head.Length >= 32 && head.StartsWith(Qcow2Magic) ? (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(head[24..]), long.MaxValue / 4) : null;

    private static IEnumerable<(string Path, string Format)> Disks(BoxMetadata metadata, string topFormat)
    {
        if (!metadata.Values.TryGetValue("disks", out var disks))
        {
            yield return ("box.img", topFormat);
            yield break;
        }

        foreach (var disk in disks.EnumerateArray())
        {
            var format = disk.TryGetProperty("format", out var df) && df.ValueKind == JsonValueKind.String ? df.GetString()! : topFormat;
            yield return (disk.GetProperty("path").GetString()!, format);
        }
    }

    private static void CheckImage(string file, string name, string format, long declaredVirtual, string box)
    {
        string Refuse(string why) => throw new VnetException($"Box '{box}' was refused: its disk image '{name}' {why}. Nothing was installed.");

        if (format is not ("qcow2" or "raw"))
        {
            Refuse($"is declared as format '{Printable(format)}'; vnet accepts qcow2 and raw images");
        }

        var info = new FileInfo(file);
        if (!info.Exists)
        {
            Refuse("is not a regular file");
        }

        var head = new byte[512];
        int read;
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var actual = Detect(head.AsSpan(0, read));
            if (actual != format)
            {
                Refuse($"is declared {format} in metadata.json but is {actual}");
            }

            if (format == "qcow2")
            {
                CheckQcow2(stream, head.AsSpan(0, read), Refuse);
            }
        }

        var virtualSize = format == "qcow2" ? Qcow2VirtualSize(head.AsSpan(0, read))!.Value : declaredVirtual;
        if (virtualSize > 0 && info.Length > Bound(virtualSize))
        {
            Refuse($"is {info.Length} bytes, far beyond its virtual size of {virtualSize} bytes (at most {Bound(virtualSize)} allowed)");
        }
    }

    private static void CheckQcow2(FileStream stream, ReadOnlySpan<byte> head, Func<string, string> refuse)
    {
        if (head.Length < 72)
        {
            refuse("has a truncated qcow2 header");
        }

        var version = BinaryPrimitives.ReadUInt32BigEndian(head[4..]);
        if (version is not (2 or 3))
        {
            refuse($"is qcow2 version {version}, which vnet does not know");
        }

        var backingOffset = BinaryPrimitives.ReadUInt64BigEndian(head[8..]);
        if (backingOffset != 0)
        {
            var backingSize = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(head[16..]), 1023);
            var backing = new byte[backingSize];
            var got = 0;
            if (backingOffset < (ulong)stream.Length)
            {
                stream.Position = (long)backingOffset;
                got = stream.ReadAtLeast(backing, backing.Length, throwOnEndOfStream: false);
            }

            refuse($"has a backing file ('{Printable(Encoding.UTF8.GetString(backing, 0, got))}'), which QEMU would open on the host; a box image must stand alone (qemu-img convert makes one)");
        }

        if (version == 3 && head.Length >= 80 && (BinaryPrimitives.ReadUInt64BigEndian(head[72..]) & ExternalDataFileBit) != 0)
        {
            refuse("keeps its data in an external data file, which QEMU would open on the host; a box image must stand alone");
        }
    }

    /// <summary>What the first bytes say the image is: qcow2, another known image format, or raw.</summary>
    private static string Detect(ReadOnlySpan<byte> head) => head switch
    {
        _ when head.StartsWith(Qcow2Magic) => "qcow2",
        _ when head.StartsWith("QED\0"u8) => "qed",
        _ when head.StartsWith("KDMV"u8) || head.StartsWith("# Disk DescriptorFile"u8) => "vmdk",
        _ when head.StartsWith("vhdxfile"u8) => "vhdx",
        _ when head.StartsWith("conectix"u8) => "vpc",
        _ when head.StartsWith(LuksMagic) => "luks",
        _ when head.Length >= 0x44 && BinaryPrimitives.ReadUInt32LittleEndian(head[0x40..]) == 0xbeda107f => "vdi",
        _ => "raw",
    };

    private static string Printable(string text) => string.Concat(text.Take(200).Select(c => char.IsControl(c) ? '?' : c));
}
