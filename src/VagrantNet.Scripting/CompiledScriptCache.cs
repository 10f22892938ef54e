using System.Globalization;
using System.IO.Hashing;
using System.Text;
using VagrantNet.Core;

namespace VagrantNet.Scripting;

/// <summary>
/// Compiled scripts on disk under <c>$VNET_HOME/cache/scripts/&lt;key&gt;/</c>. The key is the main file's path
/// and the reference fingerprint; the manifest lists every source the compile read with its hash, so a
/// changed <c>#load</c>ed file is a miss too. Uses no Roslyn type: a hit never loads the compiler. The manifest
/// is plain text (<c>hash path</c> per line), not JSON: a cold JSON serializer cost a cache hit about 40 ms. The
/// hash is XXH64, not SHA-256: it detects edits as well, and a hit no longer starts OpenSSL (about 8 ms).
/// The manifest's first line records the key the entry was compiled for and the XXH128 of its image, checked on every
/// load: a swapped or corrupt image is a miss (recompiled and overwritten), never run. Entries are 0600 files in 0700
/// directories: a compiled script carries the string literals (often secrets) of a Vagrantfile.csx.
/// </summary>
public sealed class CompiledScriptCache(string directory)
{
    private const string ManifestName = "manifest.txt";
    private const string ImageName = "script.dll";
    private const int HashLength = 16;
    private const string Header = "vnet-script-cache 2";
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

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
            var (image, sources) = ReadManifest(manifestPath, Key(scriptPath, fingerprint));
            if (image is null || sources is null || sources.Count == 0 || sources.Any(s => !File.Exists(s.Path) || HashFile(s.Path) != s.Hash))
            {
                return null;
            }

            var bytes = File.ReadAllBytes(imagePath);
            return HashImage(bytes) == image ? new CompiledScript(bytes, sources) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or VnetException)
        {
            return null;
        }
    }

    public void Store(string scriptPath, string fingerprint, CompiledScript script)
    {
        var entry = EntryDirectory(scriptPath, fingerprint);
        CreatePrivateDirectory(Directory);
        CreatePrivateDirectory(entry);

        // The image first, then the manifest: a reader that finds the manifest finds a whole image.
        WritePrivate(Path.Combine(entry, ImageName), script.Image);
        var manifest = $"{Header} {HashImage(script.Image)} {Key(scriptPath, fingerprint)}\n" + string.Concat(script.Sources.Select(s => $"{s.Hash} {s.Path}\n"));
        WritePrivate(Path.Combine(entry, ManifestName), Encoding.UTF8.GetBytes(manifest));
    }

    /// <summary>The image hash and the sources a manifest lists, or nulls when it is not a manifest for <paramref name="key"/>.</summary>
    private static (string? Image, List<ScriptSource>? Sources) ReadManifest(string path, string key)
    {
        var lines = File.ReadAllLines(path);
        var header = lines.Length == 0 ? [] : lines[0].Split(' ', 4);
        if (header.Length != 4 || $"{header[0]} {header[1]}" != Header || header[3] != key)
        {
            return (null, null);
        }

        var sources = new List<ScriptSource>();
        foreach (var line in lines.Skip(1))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space != HashLength || !Path.IsPathFullyQualified(line[(space + 1)..]))
            {
                return (null, null);
            }

            sources.Add(new ScriptSource(line[(space + 1)..], line[..space]));
        }

        return (header[2], sources);
    }

    /// <summary>Makes <paramref name="path"/> 0700, also when an older vnet made it with the umask's mode.</summary>
    private static void CreatePrivateDirectory(string path)
    {
        System.IO.Directory.CreateDirectory(path, PrivateDirectory);
        if (File.GetUnixFileMode(path) != PrivateDirectory)
        {
            File.SetUnixFileMode(path, PrivateDirectory);
        }
    }

    /// <summary>Writes a 0600 file atomically: a reader sees the old content or the new, never half, never a wider mode.</summary>
    private static void WritePrivate(string path, byte[] content)
    {
        var temp = path + ".tmp-" + System.Environment.ProcessId;
        using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = PrivateFile }))
        {
            stream.Write(content);
        }

        // A leftover temp file keeps its old mode through FileMode.Create.
        File.SetUnixFileMode(temp, PrivateFile);
        File.Move(temp, path, overwrite: true);
    }

    public static string HashText(string text) => HashBytes(Encoding.UTF8.GetBytes(text));

    public static string HashFile(string path) => HashBytes(ScriptFile.ReadAllBytes(path));

    public static string HashBytes(ReadOnlySpan<byte> bytes) => FormatHash(XxHash64.HashToUInt64(bytes));

    /// <summary>16 hex digits. Formatted as a number: the vectorized byte-to-hex path costs a cold process about 2 ms.</summary>
    public static string FormatHash(ulong hash) => hash.ToString("x16", CultureInfo.InvariantCulture);

    private static string HashImage(byte[] image) => XxHash128.HashToUInt128(image).ToString("x32", CultureInfo.InvariantCulture);

    private static string Key(string scriptPath, string fingerprint) => $"{fingerprint}:{Path.GetFullPath(scriptPath)}";

    private string EntryDirectory(string scriptPath, string fingerprint) =>
        Path.Combine(Directory, HashText(Path.GetFullPath(scriptPath) + "\n" + fingerprint));
}
