using System.Globalization;
using System.IO.Hashing;
using System.Text;
using VagrantNet.Core.Environment;

namespace VagrantNet.Scripting;

/// <summary>
/// Compiled scripts on disk under <c>$VNET_HOME/cache/scripts/&lt;key&gt;/</c>. The key is the main file's path
/// and the reference fingerprint; the manifest lists every source the compile read with its hash, so a
/// changed <c>#load</c>ed file is a miss too. Uses no Roslyn type: a hit never loads the compiler. The manifest
/// is plain text (<c>hash path</c> per line), not JSON: a cold JSON serializer cost a cache hit about 40 ms. The
/// hash is XXH64, not SHA-256: it detects edits as well, and a hit no longer starts OpenSSL (about 8 ms).
/// </summary>
public sealed class CompiledScriptCache(string directory)
{
    private const string ManifestName = "manifest.txt";
    private const string ImageName = "script.dll";
    private const int HashLength = 16;

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
            var sources = ReadManifest(manifestPath);
            if (sources is null || sources.Count == 0 || sources.Any(s => !File.Exists(s.Path) || HashFile(s.Path) != s.Hash))
            {
                return null;
            }

            return new CompiledScript(File.ReadAllBytes(imagePath), sources);
        }
        catch (IOException)
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
        AtomicFile.WriteAllText(Path.Combine(entry, ManifestName), string.Concat(script.Sources.Select(s => $"{s.Hash} {s.Path}\n")));
    }

    /// <summary>The sources listed in a manifest, or null when it is not one.</summary>
    private static List<ScriptSource>? ReadManifest(string path)
    {
        var sources = new List<ScriptSource>();
        foreach (var line in File.ReadLines(path))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space != HashLength || !Path.IsPathFullyQualified(line[(space + 1)..]))
            {
                return null;
            }

            sources.Add(new ScriptSource(line[(space + 1)..], line[..space]));
        }

        return sources;
    }

    public static string HashText(string text) => HashBytes(Encoding.UTF8.GetBytes(text));

    public static string HashFile(string path) => HashBytes(File.ReadAllBytes(path));

    public static string HashBytes(ReadOnlySpan<byte> bytes) => FormatHash(XxHash64.HashToUInt64(bytes));

    /// <summary>16 hex digits. Formatted as a number: the vectorized byte-to-hex path costs a cold process about 2 ms.</summary>
    public static string FormatHash(ulong hash) => hash.ToString("x16", CultureInfo.InvariantCulture);

    private string EntryDirectory(string scriptPath, string fingerprint) =>
        Path.Combine(Directory, HashText(Path.GetFullPath(scriptPath) + "\n" + fingerprint));
}
