using System.Reflection;
using Microsoft.Extensions.Logging;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.Plugins;

/// <summary>
/// Finds and loads plugins: each subdirectory <c>X/</c> of a plugin directory holds <c>X.dll</c> and its
/// dependencies, and is loaded into a load context of its own after <see cref="PluginVerifier"/> agrees.
/// </summary>
public sealed class PluginManager
{
    private readonly PluginVerifier _verifier;
    private readonly ILogger _logger;
    private readonly List<LoadedPlugin> _loaded = [];

    public PluginManager(ILogger logger, Version? hostSdkVersion = null)
    {
        _logger = logger;
        _verifier = new PluginVerifier(hostSdkVersion ?? SdkVersion);
    }

    /// <summary>The SDK version the host provides.</summary>
    public static Version SdkVersion => typeof(IVagrantPlugin).Assembly.GetName().Version!;

    public IReadOnlyList<LoadedPlugin> Loaded => _loaded;

    /// <summary>The main assembly of every plugin found under <paramref name="directories"/>, in a stable order.</summary>
    public static IReadOnlyList<string> Discover(IEnumerable<string> directories) =>
        [.. directories
            .Where(Directory.Exists)
            .SelectMany(d => Directory.GetDirectories(d).OrderBy(p => p, StringComparer.Ordinal))
            .Select(d => Path.Combine(d, Path.GetFileName(d) + ".dll"))
            .Where(File.Exists)];

    /// <summary>Loads every plugin under <paramref name="directories"/> and registers it.</summary>
    public void LoadAll(IEnumerable<string> directories, PluginRegistry registry)
    {
        foreach (var path in Discover(directories))
        {
            Load(path, registry);
        }
    }

    public LoadedPlugin Load(string assemblyPath, PluginRegistry registry)
    {
        assemblyPath = Path.GetFullPath(assemblyPath);
        var refusal = _verifier.Verify(assemblyPath);
        if (refusal is not null)
        {
            throw new PluginLoadException(refusal);
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

        var attribute = assembly.GetCustomAttribute<VagrantPluginAttribute>()
            ?? throw new PluginLoadException($"{Path.GetFileName(assemblyPath)} is not a vnet plugin: it has no [assembly: VagrantPlugin(typeof(...))] attribute.");
        if (!typeof(IVagrantPlugin).IsAssignableFrom(attribute.PluginType) || attribute.PluginType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new PluginLoadException($"Plugin {Path.GetFileName(assemblyPath)}: {attribute.PluginType.FullName} must implement IVagrantPlugin and have a public parameterless constructor.");
        }

        var plugin = (IVagrantPlugin)Activator.CreateInstance(attribute.PluginType)!;
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
}

public sealed record LoadedPlugin(string Name, Version? Version, string Path, Assembly Assembly);
