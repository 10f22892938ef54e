using System.Reflection;
using Microsoft.Extensions.Logging;
using NuGet.Versioning;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.Plugins;

/// <summary>
/// Finds and loads plugins: each subdirectory <c>X/</c> of a plugin directory holds <c>X.dll</c> and its
/// dependencies (or, installed by <c>vnet plugin install</c>, a <c>X/&lt;version&gt;/</c> that does), and is loaded into a load context of its own after <see cref="PluginVerifier"/> agrees.
/// </summary>
public sealed class PluginManager
{
    private readonly PluginVerifier _verifier;
    private readonly ILogger _logger;
    private readonly PluginDirectoryCache? _directories;
    private readonly List<LoadedPlugin> _loaded = [];

    /// <param name="cacheDirectory">
    /// Where plugin directory listings and verified plugins are remembered between commands; null looks and verifies
    /// afresh every time.
    /// </param>
    public PluginManager(ILogger logger, Version? hostSdkVersion = null, string? cacheDirectory = null)
    {
        _logger = logger;
        _verifier = new PluginVerifier(hostSdkVersion ?? SdkVersion, cacheDirectory is null ? null : new PluginVerificationCache(Path.Combine(cacheDirectory, "verified")));
        _directories = cacheDirectory is null ? null : new PluginDirectoryCache(Path.Combine(cacheDirectory, "directories"));
    }

    /// <summary>The SDK version the host provides.</summary>
    public static Version SdkVersion => typeof(IVagrantPlugin).Assembly.GetName().Version!;

    public IReadOnlyList<LoadedPlugin> Loaded => _loaded;

    /// <summary>The main assembly of every plugin found under <paramref name="directories"/>, in a stable order.</summary>
    public static IReadOnlyList<string> Discover(IEnumerable<string> directories, PluginDirectoryCache? cache = null) =>
        [.. directories
            .Where(Directory.Exists)
            .SelectMany(d => (cache?.Subdirectories(d) ?? [.. Directory.GetDirectories(d).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)])
                .Select(name => MainAssembly(d, name)))
            .OfType<string>()];

    /// <summary>
    /// <c>X/X.dll</c> (bundled, or placed by hand), else <c>X/&lt;version&gt;/X.dll</c> as <c>vnet plugin install</c>
    /// places it. An interrupted update can leave two versions: the newer one is loaded.
    /// </summary>
    private static string? MainAssembly(string directory, string name)
    {
        var flat = Path.Combine(directory, name, name + ".dll");
        if (File.Exists(flat))
        {
            return flat;
        }

        var installed = Directory.GetDirectories(Path.Combine(directory, name))
            .Where(v => File.Exists(Path.Combine(v, name + ".dll")))
            .ToList();
        return installed.Count switch
        {
            0 => null,
            1 => Path.Combine(installed[0], name + ".dll"),
            _ => Path.Combine(Newest(installed), name + ".dll"),
        };
    }

    // Apart, so that NuGet.Versioning is loaded only in the rare case that needs it, not on every start.
    private static string Newest(List<string> versionDirectories) =>
        versionDirectories.MaxBy(v => NuGetVersion.TryParse(Path.GetFileName(v), out var version) ? version : new NuGetVersion(0, 0, 0))!;

    /// <summary>Loads every plugin under <paramref name="directories"/> and registers it.</summary>
    public void LoadAll(IEnumerable<string> directories, PluginRegistry registry)
    {
        foreach (var path in Discover(directories, _directories))
        {
            Load(path, registry);
        }
    }

    public LoadedPlugin Load(string assemblyPath, PluginRegistry registry)
    {
        assemblyPath = Path.GetFullPath(assemblyPath);
        var verdict = _verifier.Verify(assemblyPath);
        if (verdict.Refusal is not null)
        {
            throw new PluginLoadException(verdict.Refusal);
        }

        var context = new PluginLoadContext(assemblyPath);
        Assembly assembly;
        try
        {
            assembly = context.LoadFromAssemblyPath(assemblyPath);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            throw new PluginLoadException($"Plugin {Path.GetFileName(assemblyPath)} could not be loaded: {e.Message}", e);
        }

        var pluginType = EntryType(assembly, verdict.Entry, assemblyPath);
        if (!typeof(IVagrantPlugin).IsAssignableFrom(pluginType) || pluginType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new PluginLoadException($"Plugin {Path.GetFileName(assemblyPath)}: {pluginType.FullName} must implement IVagrantPlugin and have a public parameterless constructor.");
        }

        var plugin = (IVagrantPlugin)Activator.CreateInstance(pluginType)!;
        registry.CurrentPlugin = assembly.GetName().Name!;
        try
        {
            plugin.Register(registry);
        }
        finally
        {
            registry.CurrentPlugin = "vnet";
        }

        var loaded = new LoadedPlugin(assembly.GetName().Name!, assembly.GetName().Version, assemblyPath, assembly);
        _loaded.Add(loaded);
        _logger.LogDebug("Loaded plugin {Plugin} {Version} from {Path}", loaded.Name, loaded.Version, assemblyPath);
        return loaded;
    }

    /// <summary>
    /// The plugin's entry type: by the token the verifier read from the metadata when the type is the plugin's own,
    /// else through the attribute by reflection (several milliseconds, which every start would pay).
    /// </summary>
    private static Type EntryType(Assembly assembly, PluginEntry? entry, string assemblyPath)
    {
        var byToken = entry is { Token: not 0 } ? ResolveType(assembly, entry.Token) : null;
        return (byToken is not null && NameOf(byToken) == entry!.TypeName.Split(',')[0].Trim() ? byToken : null)
            ?? assembly.GetCustomAttribute<VagrantPluginAttribute>()?.PluginType
            ?? throw new PluginLoadException($"{Path.GetFileName(assemblyPath)} is not a vnet plugin: it has no [assembly: VagrantPlugin(typeof(...))] attribute.");
    }

    /// <summary>The type a recorded token names, or null when the token names none (a stale or edited record).</summary>
    private static Type? ResolveType(Assembly assembly, int token)
    {
        try
        {
            return assembly.ManifestModule.ResolveType(token);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    // Built from the metadata's two names: Type.FullName goes through a type-name formatter that is slow on first use.
    private static string NameOf(Type type) => type.Namespace is { Length: > 0 } ns ? ns + "." + type.Name : type.Name;
}

public sealed record LoadedPlugin(string Name, Version? Version, string Path, Assembly Assembly);
