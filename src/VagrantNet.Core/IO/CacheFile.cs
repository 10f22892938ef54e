namespace VagrantNet.Core.IO;

/// <summary>
/// A small file of <c>value TAB key</c> lines under <c>$VNET_HOME/cache</c>: read once, rewritten whole and atomically
/// when an entry changes. It only saves work: a missing, unreadable or unwritable file means the work is done again.
/// Values must not hold tabs or line breaks, keys no line breaks.
/// </summary>
public sealed class CacheFile(string path)
{
    private Dictionary<string, string>? _entries;

    public string Path { get; } = path;

    public string? Get(string key) => Entries().GetValueOrDefault(key);

    /// <summary>Records <paramref name="value"/>, keeping only the other entries <paramref name="keep"/> accepts.</summary>
    public void Set(string key, string value, Func<string, bool> keep)
    {
        if (key.Contains('\n') || value.Contains('\t') || value.Contains('\n') || Get(key) == value)
        {
            return;
        }

        var entries = Entries();
        entries[key] = value;
        try
        {
            var kept = entries.Where(e => e.Key == key || keep(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal);
            AtomicFile.WriteAllText(Path, string.Concat(kept.Select(e => e.Value + "\t" + e.Key + "\n")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only costs the next command the work again.
        }
    }

    private Dictionary<string, string> Entries()
    {
        if (_entries is not null)
        {
            return _entries;
        }

        _entries = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(Path))
            {
                foreach (var line in File.ReadLines(Path))
                {
                    var tab = line.IndexOf('\t', StringComparison.Ordinal);
                    if (tab >= 0)
                    {
                        _entries[line[(tab + 1)..]] = line[..tab];
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _entries.Clear();
        }

        return _entries;
    }
}
