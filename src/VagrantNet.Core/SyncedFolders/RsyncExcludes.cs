using System.Text;
using System.Text.RegularExpressions;

namespace VagrantNet.Core.SyncedFolders;

/// <summary>
/// Matches host paths against rsync exclude patterns, for the watcher of <see cref="RsyncAuto"/>: a
/// pattern without a slash matches any path component; one with a leading slash is anchored at the
/// folder's root; one with an inner slash matches the end of the path; a trailing slash matches
/// directories only; <c>*</c>, <c>**</c> and <c>?</c> are rsync's wildcards.
/// </summary>
public sealed class RsyncExcludes
{
    private readonly List<(Regex Pattern, bool DirectoryOnly, bool WholePath)> _patterns;

    public RsyncExcludes(IEnumerable<string> patterns) =>
        _patterns = [.. patterns.Where(p => p.Length > 0).Select(Compile)];

    /// <summary>Whether <paramref name="relativePath"/> (slash-separated, below the synced root) or one of its parent directories is excluded.</summary>
    public bool IsExcluded(string relativePath, bool isDirectory)
    {
        var parts = relativePath.Replace('\\', '/').Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var directory = i < parts.Length - 1 || isDirectory;
            var prefix = string.Join('/', parts.Take(i + 1));
            foreach (var (pattern, directoryOnly, wholePath) in _patterns)
            {
                if (directoryOnly && !directory)
                {
                    continue;
                }

                if (pattern.IsMatch(wholePath ? prefix : parts[i]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static (Regex, bool, bool) Compile(string pattern)
    {
        var directoryOnly = pattern.EndsWith('/');
        var body = pattern.TrimEnd('/');
        var anchored = body.StartsWith('/');
        body = body.TrimStart('/');
        var wholePath = anchored || body.Contains('/') || body.Contains("**", StringComparison.Ordinal);
        var regex = new StringBuilder(anchored || !wholePath ? "^" : "(^|/)");
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '*' && i + 1 < body.Length && body[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else if (c == '[')
            {
                var end = body.IndexOf(']', i + 1);
                if (end > i)
                {
                    regex.Append(body, i, end - i + 1);
                    i = end;
                }
                else
                {
                    regex.Append("\\[");
                }
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        regex.Append('$');
        return (new Regex(regex.ToString(), RegexOptions.CultureInvariant), directoryOnly, wholePath);
    }
}
