using System.Security.Cryptography;
using System.Text;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Providers.Libvirt.Driver;

/// <summary>
/// Which storage pools hold an image volume of an installed box, so <c>vnet box remove</c> can delete them: one file per
/// box under <c>VNET_HOME/data/libvirt/box-images/</c>, keyed by the box's directory, a line per (libvirt URI, pool,
/// volume). Kept outside the box's directory, so <c>box repackage</c> never carries it into another box.
/// </summary>
public sealed record BoxImageRecord(string Uri, string Pool, string Volume)
{
    public static string FileOf(string home, BoxInfo box) =>
        Path.Combine(home, "data", "libvirt", "box-images", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(box.Directory))))[..32]);

    /// <summary>Records that <paramref name="box"/>'s image is in the pool (once; appending a line is atomic enough for one writer per box image lock).</summary>
    public static void Add(string home, BoxInfo box, BoxImageRecord record)
    {
        if (Read(home, box).Contains(record))
        {
            return;
        }

        var file = FileOf(home, box);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.AppendAllText(file, $"{record.Uri}\t{record.Pool}\t{record.Volume}\n");
    }

    public static IReadOnlyList<BoxImageRecord> Read(string home, BoxInfo box)
    {
        var file = FileOf(home, box);
        if (!File.Exists(file))
        {
            return [];
        }

        return [.. File.ReadAllLines(file)
            .Select(l => l.Split('\t'))
            .Where(f => f.Length == 3)
            .Select(f => new BoxImageRecord(f[0], f[1], f[2]))
            .Distinct()];
    }

    public static void Forget(string home, BoxInfo box) => File.Delete(FileOf(home, box));
}
