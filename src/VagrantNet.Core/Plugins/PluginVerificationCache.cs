using System.Globalization;
using VagrantNet.Core.IO;

namespace VagrantNet.Core.Plugins;

/// <summary>
/// Remembers the plugin files that <see cref="PluginVerifier"/> accepted, with their entry type, each by path, size,
/// write time and the host's SDK version. A start-up then reads one small file instead of parsing every plugin's
/// metadata, and finds the entry type without reflecting over custom attributes (together about 20 ms of every
/// <c>vnet status</c>). A rebuilt plugin, or a host with another SDK version, is verified again.
/// </summary>
public sealed class PluginVerificationCache(string file)
{
    private readonly CacheFile _file = new(file);

    /// <summary>The entry recorded for this exact file, or null when it was not verified as it is now.</summary>
    public PluginEntry? KnownEntry(string assemblyPath, Version hostSdkVersion)
    {
        var value = Stamp(assemblyPath, hostSdkVersion) is { } stamp ? _file.Get(stamp) : null;
        var space = value?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        return space > 0 && int.TryParse(value.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var token)
            ? new PluginEntry(value![(space + 1)..], token)
            : null;
    }

    public void Remember(string assemblyPath, Version hostSdkVersion, PluginEntry entry)
    {
        if (Stamp(assemblyPath, hostSdkVersion) is { } stamp)
        {
            // Older stamps of this file, and those of files that are gone, are dropped: one line per installed plugin.
            var path = Path.GetFullPath(assemblyPath);
            _file.Set(stamp, string.Create(CultureInfo.InvariantCulture, $"{entry.Token} {entry.TypeName}"), key => PathOf(key) is var other && other != path && File.Exists(other));
        }
    }

    private static string PathOf(string stamp) => stamp[(stamp.LastIndexOf('\t') + 1)..];

    private static string? Stamp(string assemblyPath, Version hostSdkVersion)
    {
        var info = new FileInfo(assemblyPath);
        return info.Exists
            ? string.Create(CultureInfo.InvariantCulture, $"{hostSdkVersion}\t{info.Length}\t{info.LastWriteTimeUtc.Ticks}\t{info.FullName}")
            : null;
    }
}
