using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace VagrantNet.Tests.Boxes.Support;

/// <summary>
/// Writes tar archives header by header, so tests can craft what no well-behaved tool would make:
/// absolute names, <c>..</c>, links pointing out, device nodes, FIFOs, pax and GNU sparse entries.
/// </summary>
internal sealed class TarBuilder
{
    private readonly MemoryStream _tar = new();

    public TarBuilder File(string name, byte[] content, int mode = 0b110_100_100) => Entry(name, (byte)'0', content, mode: mode);

    public TarBuilder File(string name, string content) => File(name, Encoding.UTF8.GetBytes(content));

    public TarBuilder Directory(string name) => Entry(name, (byte)'5', []);

    public TarBuilder Symlink(string name, string target) => Entry(name, (byte)'2', [], link: target);

    public TarBuilder HardLink(string name, string target) => Entry(name, (byte)'1', [], link: target);

    public TarBuilder CharDevice(string name) => Entry(name, (byte)'3', []);

    public TarBuilder BlockDevice(string name) => Entry(name, (byte)'4', []);

    public TarBuilder Fifo(string name) => Entry(name, (byte)'6', []);

    /// <summary>A pax extended header that applies to the next entry.</summary>
    public TarBuilder Pax(params (string Key, string Value)[] records)
    {
        var body = new StringBuilder();
        foreach (var (key, value) in records)
        {
            var record = $" {key}={value}\n";
            var length = Encoding.UTF8.GetByteCount(record);
            var total = length + length.ToString(CultureInfo.InvariantCulture).Length;
            if (total.ToString(CultureInfo.InvariantCulture).Length != length.ToString(CultureInfo.InvariantCulture).Length)
            {
                total++;
            }

            body.Append(total.ToString(CultureInfo.InvariantCulture)).Append(record);
        }

        return Entry("PaxHeaders/x", (byte)'x', Encoding.UTF8.GetBytes(body.ToString()));
    }

    /// <summary>A GNU long name that applies to the next entry.</summary>
    public TarBuilder GnuLongName(string name) => Entry("././@LongLink", (byte)'L', Encoding.UTF8.GetBytes(name + "\0"), gnu: true);

    /// <summary>A pax sparse 1.0 file, as bsdtar and GNU tar --sparse --posix write one.</summary>
    public TarBuilder PaxSparseFile(string name, long realSize, params (long Offset, byte[] Data)[] regions)
    {
        var map = new StringBuilder();
        map.Append(regions.Length.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var (offset, data) in regions)
        {
            map.Append(offset.ToString(CultureInfo.InvariantCulture)).Append('\n').Append(data.Length.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var mapBytes = Encoding.ASCII.GetBytes(map.ToString());
        var padded = new byte[(mapBytes.Length + 511) / 512 * 512];
        mapBytes.CopyTo(padded, 0);
        var content = padded.Concat(regions.SelectMany(r => r.Data)).ToArray();
        Pax(("GNU.sparse.major", "1"), ("GNU.sparse.minor", "0"), ("GNU.sparse.name", name), ("GNU.sparse.realsize", realSize.ToString(CultureInfo.InvariantCulture)));
        return Entry("./GNUSparseFile.0/" + Path.GetFileName(name), (byte)'0', content);
    }

    /// <summary>An old-GNU 'S' sparse entry with the map in the header.</summary>
    public TarBuilder OldGnuSparseFile(string name, long realSize, params (long Offset, byte[] Data)[] regions)
    {
        var content = regions.SelectMany(r => r.Data).ToArray();
        return Entry(name, (byte)'S', content, gnu: true, patch: header =>
        {
            for (var i = 0; i < regions.Length; i++)
            {
                Octal(header, 386 + (i * 24), 12, regions[i].Offset);
                Octal(header, 386 + (i * 24) + 12, 12, regions[i].Data.Length);
            }

            Octal(header, 483, 12, realSize);
        });
    }

    public TarBuilder Entry(string name, byte type, byte[] content, string link = "", int mode = 0b110_100_100, bool gnu = false, Action<byte[]>? patch = null)
    {
        var header = new byte[512];
        Encoding.UTF8.GetBytes(name.Length > 100 ? name[..100] : name).CopyTo(header, 0);
        Octal(header, 100, 8, mode);
        Octal(header, 108, 8, 0);
        Octal(header, 116, 8, 0);
        Octal(header, 124, 12, content.Length);
        Octal(header, 136, 12, 1700000000);
        header[156] = type;
        Encoding.UTF8.GetBytes(link).CopyTo(header, 157);
        (gnu ? "ustar  \0"u8 : "ustar\u000000"u8).CopyTo(header.AsSpan(257));
        patch?.Invoke(header);
        for (var i = 148; i < 156; i++)
        {
            header[i] = (byte)' ';
        }

        var sum = header.Sum(b => (long)b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
        _tar.Write(header);
        _tar.Write(content);
        _tar.Write(new byte[(512 - (content.Length % 512)) % 512]);
        return this;
    }

    /// <summary>The archive with its end-of-archive blocks.</summary>
    public byte[] Tar()
    {
        var copy = new MemoryStream();
        _tar.Position = 0;
        _tar.CopyTo(copy);
        copy.Write(new byte[1024]);
        return copy.ToArray();
    }

    public byte[] TarGz() => Gzip(Tar());

    public static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] Zstd(byte[] data)
    {
        var output = new MemoryStream();
        using (var zstd = new ZstdSharp.CompressionStream(output, 3, leaveOpen: true))
        {
            zstd.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Compresses with an installed tool (xz, bzip2); null when the tool is missing.</summary>
    public static byte[]? WithTool(string tool, byte[] data)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, ["-c"]) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false })!;
            var output = new MemoryStream();
            var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
            process.StandardInput.BaseStream.Write(data);
            process.StandardInput.Close();
            reading.Wait();
            process.WaitForExit();
            return process.ExitCode == 0 ? output.ToArray() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static void Octal(byte[] header, int offset, int length, long value) =>
        Encoding.ASCII.GetBytes(Convert.ToString(value, 8).PadLeft(length - 1, '0') + "\0").CopyTo(header, offset);
}
