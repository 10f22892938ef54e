using System.Globalization;
using VagrantNet.Core.IO;

namespace VagrantNet.Core.Plugins;

/// <summary>
/// The subdirectories of each plugin directory, remembered with the directory's write time, which changes whenever
/// an entry is added, removed or renamed. The first directory listing of a process costs about 4 ms; a stat does not.
/// </summary>
public sealed class PluginDirectoryCache(string file)
{
    private readonly CacheFile _file = new(file);

    /// <summary>The names of <paramref name="directory"/>'s subdirectories, in ordinal order.</summary>
    public IReadOnlyList<string> Subdirectories(string directory)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{Directory.GetLastWriteTimeUtc(directory).Ticks}\t{directory}");
        if (_file.Get(key) is { } known)
        {
            return known.Length == 0 ? [] : known.Split('/');
        }

        var names = Directory.GetDirectories(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        // Older listings of this directory, and those of directories that are gone, are dropped.
        _file.Set(key, string.Join('/', names), other => DirectoryOf(other) is var listed && listed != directory && Directory.Exists(listed));
        return names;
    }

    private static string DirectoryOf(string key) => key[(key.IndexOf('\t', StringComparison.Ordinal) + 1)..];
}
