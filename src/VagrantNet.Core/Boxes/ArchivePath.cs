namespace VagrantNet.Core.Boxes;

/// <summary>Names inside a box archive, reduced to safe relative paths.</summary>
public static class ArchivePath
{
    public const int MaxLength = 4096;

    /// <summary>
    /// Normalizes an entry name (<c>./a//b/</c> becomes <c>a/b</c>). False for an empty name, an absolute one,
    /// one with a <c>..</c> part, a NUL or an over-long part: such entries are refused, never resolved.
    /// </summary>
    public static bool TryNormalize(string? name, out string relative)
    {
        relative = string.Empty;
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || name[0] == '/' || name.Contains('\0'))
        {
            return false;
        }

        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == ".." || part.Length > 255)
            {
                return false;
            }

            parts.Add(part);
        }

        relative = string.Join('/', parts);
        return parts.Count > 0;
    }

    /// <summary>Whether the name is the archive's root directory (<c>.</c>, <c>./</c>).</summary>
    public static bool IsRoot(string name) => name.Split('/').All(p => p.Length == 0 || p == ".");

    /// <summary>The parent of a normalized relative path, or empty for a top-level one.</summary>
    public static string Parent(string relative)
    {
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? string.Empty : relative[..slash];
    }
}
