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

    /// <summary>A tiny libvirt v1 box: metadata.json and a box.img of pseudo-random bytes.</summary>
    public static TarBuilder LibvirtBox(int imageBytes = 4096, int seed = 1, string metadata = LibvirtMetadata)
    {
        var image = new byte[imageBytes];
        new Random(seed).NextBytes(image);
        return new TarBuilder().File("./metadata.json", metadata).File("./box.img", image);
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
