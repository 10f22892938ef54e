using System.Buffers.Binary;
using System.Security.Cryptography;
using VagrantNet.Core.Environment;

namespace VagrantNet.Tests.Boxes.Support;

/// <summary>A scratch VNET_HOME and small valid boxes for tests.</summary>
internal sealed class BoxFixtures : IDisposable
{
    public BoxFixtures()
    {
        Root = Path.Combine(Path.GetTempPath(), "vnet-box-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Paths = new VnetPaths(Path.Combine(Root, "home"));
    }

    public string Root { get; }

    public VnetPaths Paths { get; }

    public const string LibvirtMetadata = """{"provider":"libvirt","format":"qcow2","virtual_size":1}""";

    /// <summary>A tiny libvirt v1 box: metadata.json and a box.img that is a qcow2 header followed by pseudo-random bytes.</summary>
    public static TarBuilder LibvirtBox(int imageBytes = 4096, int seed = 1, string metadata = LibvirtMetadata)
    {
        var image = new byte[imageBytes];
        new Random(seed).NextBytes(image);
        Qcow2Header(1L << 30).CopyTo(image, 0);
        return new TarBuilder().File("./metadata.json", metadata).File("./box.img", image);
    }

    /// <summary>
    /// A qcow2 version 3 header as the qcow2 specification lays it out (104 bytes, big-endian): no backing file,
    /// no incompatible features unless asked, the given virtual size.
    /// </summary>
    public static byte[] Qcow2Header(long virtualSize, ulong backingFileOffset = 0, ulong incompatibleFeatures = 0)
    {
        var header = new byte[104];
        var span = header.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, 0x514649fb);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], 3);
        BinaryPrimitives.WriteUInt64BigEndian(span[8..], backingFileOffset);
        BinaryPrimitives.WriteUInt32BigEndian(span[20..], 16);
        BinaryPrimitives.WriteUInt64BigEndian(span[24..], (ulong)virtualSize);
        BinaryPrimitives.WriteUInt64BigEndian(span[72..], incompatibleFeatures);
        BinaryPrimitives.WriteUInt32BigEndian(span[96..], 4);
        BinaryPrimitives.WriteUInt32BigEndian(span[100..], 104);
        return header;
    }

    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Every file and directory under the store, as relative paths: "the store as it was" compares these.</summary>
    public IReadOnlyList<string> StoreSnapshot() =>
        Directory.Exists(Paths.Boxes)
            ? [.. Directory.EnumerateFileSystemEntries(Paths.Boxes, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(Paths.Boxes, p)).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>Scratch import directories left under tmp (there should be none after any add).</summary>
    public IReadOnlyList<string> LeftoverImports() =>
        Directory.Exists(Paths.Temp) ? [.. Directory.EnumerateDirectories(Paths.Temp)] : [];

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
