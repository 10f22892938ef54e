using System.IO.Compression;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;

namespace VagrantNet.Core.Boxes;

/// <summary>How a box file is compressed, told by its first bytes, never by its name.</summary>
public enum BoxCompression
{
    None,
    Gzip,
    Zstd,
    Xz,
    Bzip2,
}

public static class BoxArchive
{
    /// <summary>Reads the magic bytes at the start of <paramref name="head"/>.</summary>
    public static BoxCompression Detect(ReadOnlySpan<byte> head) => head switch
    {
        [0x1f, 0x8b, ..] => BoxCompression.Gzip,
        [0x28, 0xb5, 0x2f, 0xfd, ..] => BoxCompression.Zstd,
        [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, ..] => BoxCompression.Xz,
        [0x42, 0x5a, 0x68, ..] => BoxCompression.Bzip2,
        _ => BoxCompression.None,
    };

    /// <summary>Whether the bytes look like JSON (a catalog) rather than a box.</summary>
    public static bool LooksLikeJson(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        var first = head.IndexOfAnyExcept(" \t\r\n"u8);
        return first >= 0 && head[first] == (byte)'{';
    }

    /// <summary>Whether the bytes are a zip file, which vnet does not unpack.</summary>
    public static bool LooksLikeZip(ReadOnlySpan<byte> head) => head.StartsWith("PK\u0003\u0004"u8);

    /// <summary>Wraps <paramref name="source"/> (positioned at the start) in the decompressor its magic bytes call for.</summary>
    public static Stream Decompress(Stream source, BoxCompression compression) => compression switch
    {
        BoxCompression.Gzip => new GZipStream(source, CompressionMode.Decompress, leaveOpen: true),
        BoxCompression.Zstd => new ZstdSharp.DecompressionStream(source, leaveOpen: true),
        BoxCompression.Xz => new XZStream(source),
        BoxCompression.Bzip2 => BZip2Stream.Create(source, SharpCompress.Compressors.CompressionMode.Decompress, decompressConcatenated: true, leaveOpen: true),
        _ => source,
    };
}
