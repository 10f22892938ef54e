using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VagrantNet.Core.Environment;

namespace VagrantNet.Scripting;

/// <summary>
/// Compiled scripts on disk under <c>$VNET_HOME/cache/scripts/&lt;key&gt;/</c>. The key is the main file's path
/// and the reference fingerprint; the manifest lists every source the compile read with its hash, so a
/// changed <c>#load</c>ed file is a miss too. Uses no Roslyn type: a hit never loads the compiler.
/// </summary>
public sealed class CompiledScriptCache(string directory)
{
    private const string ManifestName = "manifest.json";
    private const string ImageName = "script.dll";

    public string Directory { get; } = directory;

    public CompiledScript? TryGet(string scriptPath, string fingerprint)
    {
        var entry = EntryDirectory(scriptPath, fingerprint);
        var manifestPath = Path.Combine(entry, ManifestName);
        var imagePath = Path.Combine(entry, ImageName);
        if (!File.Exists(manifestPath) || !File.Exists(imagePath))
        {
            return null;
        }

        try
        {
            var sources = JsonSerializer.Deserialize<List<ScriptSource>>(File.ReadAllText(manifestPath));
            if (sources is null || sources.Count == 0 || sources.Any(s => !File.Exists(s.Path) || HashFile(s.Path) != s.Sha256))
            {
                return null;
            }

            return new CompiledScript(File.ReadAllBytes(imagePath), sources);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    public void Store(string scriptPath, string fingerprint, CompiledScript script)
    {
        var entry = EntryDirectory(scriptPath, fingerprint);
        System.IO.Directory.CreateDirectory(entry);

        // The image first, then the manifest: a reader that finds the manifest finds a whole image.
        AtomicFile.WriteAllBytes(Path.Combine(entry, ImageName), script.Image);
        AtomicFile.WriteAllText(Path.Combine(entry, ManifestName), JsonSerializer.Serialize(script.Sources));
    }

    public static string HashText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string HashFile(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private string EntryDirectory(string scriptPath, string fingerprint) =>
        Path.Combine(Directory, HashText(Path.GetFullPath(scriptPath) + "\n" + fingerprint)[..32]);
}
