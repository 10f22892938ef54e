using System.Text.Json;
using VagrantNet.Core.IO;

namespace VagrantNet.Core.Plugins.Installing;

/// <summary>
/// The manifest of what <c>vnet plugin install</c> put under <c>$VNET_HOME/plugins</c>: each plugin's id, version,
/// the feed it came from (where <c>update</c> looks again) and the dependencies placed with it.
/// </summary>
public sealed class InstalledPlugins(string pluginsDirectory)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Path { get; } = System.IO.Path.Combine(pluginsDirectory, "installed.json");

    public IReadOnlyList<InstalledPlugin> Read()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<InstalledPlugin>>(File.ReadAllText(Path), Json) ?? [];
        }
        catch (JsonException e)
        {
            throw new VnetException($"The plugin manifest {Path} is corrupt ({e.Message}); run `vnet plugin expunge` to remove every user plugin and the manifest, then install them again.", e);
        }
    }

    public InstalledPlugin? Find(string id) => Read().FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Records <paramref name="plugin"/>, replacing any other version of it.</summary>
    public void Record(InstalledPlugin plugin) =>
        Write([.. Read().Where(p => !string.Equals(p.Id, plugin.Id, StringComparison.OrdinalIgnoreCase)), plugin]);

    public void Forget(string id) =>
        Write([.. Read().Where(p => !string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase))]);

    private void Write(List<InstalledPlugin> plugins)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        AtomicFile.WriteAllText(Path, JsonSerializer.Serialize(plugins.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ToList(), Json));
    }
}

/// <summary>One installed plugin: <c>$VNET_HOME/plugins/&lt;Id&gt;/&lt;Version&gt;/</c>, with the packages placed beside it.</summary>
public sealed record InstalledPlugin(string Id, string Version, string Source, IReadOnlyList<string> Dependencies);
