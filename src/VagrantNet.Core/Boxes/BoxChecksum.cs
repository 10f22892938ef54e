using System.Security.Cryptography;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Core.Boxes;

/// <summary>An expected checksum of a box file (<c>--checksum</c> with <c>--checksum-type</c>, or a catalog's).</summary>
public sealed record BoxChecksum(string Type, string Value)
{
    /// <summary>Builds a checksum from user or catalog input; null when no checksum is given.</summary>
    public static BoxChecksum? From(string? value, string? type, string box)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(type))
        {
            throw new VnetException($"Box '{box}': a checksum was given without its type; pass --checksum-type ({string.Join(", ", ChecksumTypes.All)}).");
        }

        type = type.Trim().ToLowerInvariant();
        if (!ChecksumTypes.IsKnown(type))
        {
            throw new VnetException($"Box '{box}': unknown checksum type '{type}'; use one of {string.Join(", ", ChecksumTypes.All)}.");
        }

        value = value.Trim().ToLowerInvariant();
        if (value.Length != DigestLength(type) * 2 || !value.All(char.IsAsciiHexDigit))
        {
            throw new VnetException($"Box '{box}': '{value}' is not a {type} checksum ({DigestLength(type) * 2} hexadecimal digits).");
        }

        return new BoxChecksum(type, value);
    }

    /// <summary>Hashes a file in one streaming pass and returns the lowercase hex digest.</summary>
    public async Task<string> ComputeAsync(string path, CancellationToken cancellation)
    {
        using var hash = IncrementalHash.CreateHash(Algorithm(Type));
        var buffer = new byte[1 << 20];
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellation).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Throws, naming the box, when the file's digest is not the expected one.</summary>
    public async Task VerifyAsync(string path, string box, CancellationToken cancellation)
    {
        var actual = await ComputeAsync(path, cancellation).ConfigureAwait(false);
        if (actual != Value)
        {
            throw new VnetException($"Box '{box}' failed its {Type} checksum check: expected {Value}, got {actual}. The file is damaged or not the one expected; nothing was unpacked or installed.");
        }
    }

    private static int DigestLength(string type) => type switch
    {
        "md5" => 16,
        "sha1" => 20,
        "sha256" => 32,
        "sha384" => 48,
        _ => 64,
    };

    private static HashAlgorithmName Algorithm(string type) => type switch
    {
        "md5" => HashAlgorithmName.MD5,
        "sha1" => HashAlgorithmName.SHA1,
        "sha256" => HashAlgorithmName.SHA256,
        "sha384" => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };
}
