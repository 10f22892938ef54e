using System.Globalization;

namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>
/// libvirt's set-of-numbers syntax (<c>0-3,^2,6</c>): ranges and single numbers, a <c>^</c> taking one out. libvirt
/// writes a set back in its own form (<c>0-1,3,6</c>), so sets are compared by their members, never as text.
/// </summary>
public static class Cpuset
{
    /// <summary>The most CPUs or NUMA nodes a set may name; libvirt's own limit is larger, but no host has more.</summary>
    private const int Max = 8192;

    public static bool TryParse(string? text, out SortedSet<int> members)
    {
        members = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var excluded = new HashSet<int>();
        foreach (var part in text.Split(','))
        {
            var item = part.Trim();
            var exclude = item.StartsWith('^');
            var range = exclude ? item[1..] : item;
            var bounds = range.Split('-');
            if (bounds.Length is < 1 or > 2 || exclude && bounds.Length != 1
                || !int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || last < first || last > Max)
            {
                return false;
            }

            for (var n = first; n <= last; n++)
            {
                (exclude ? excluded : (ISet<int>)members).Add(n);
            }
        }

        members.ExceptWith(excluded);
        return members.Count > 0;
    }

    /// <summary>The set's members in one canonical form (<c>0-1,3</c>), or the text itself when it is not a set.</summary>
    public static string Canonical(string? text)
    {
        if (!TryParse(text, out var members))
        {
            return text ?? string.Empty;
        }

        var ranges = new List<string>();
        int? start = null, previous = null;
        foreach (var n in members.Append(int.MaxValue))
        {
            if (previous is { } p && n == p + 1)
            {
                previous = n;
                continue;
            }

            if (start is { } s)
            {
                ranges.Add(s == previous ? s.ToString(CultureInfo.InvariantCulture) : $"{s}-{previous}");
            }

            start = previous = n;
        }

        return string.Join(',', ranges);
    }
}
