using System.Reflection;
using System.Runtime.Loader;

namespace VagrantNet.Core.Plugins;

/// <summary>
/// Isolates one plugin and its dependencies. The SDK and the logging abstractions come from the host,
/// so the plugin's types and the engine's agree on <c>IProvider</c>, <c>ProviderConfig</c> and <c>ILogger</c>.
/// A collectible one lets <c>vnet plugin install</c> try a plugin and unload it again.
/// </summary>
internal sealed class PluginLoadContext(string mainAssemblyPath, bool isCollectible = false) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(mainAssemblyPath), isCollectible)
{
    /// <summary>Assemblies always taken from the host.</summary>
    public static readonly IReadOnlySet<string> SharedAssemblies = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "VagrantNet.Sdk",
        "Microsoft.Extensions.Logging.Abstractions",
        "Microsoft.Extensions.DependencyInjection.Abstractions",
    };

    // Made on the first dependency asked for: reading the deps.json costs a few milliseconds that a command
    // using only the plugin's own types (status, validate) need not pay.
    private readonly Lazy<AssemblyDependencyResolver> _resolver = new(() => new AssemblyDependencyResolver(mainAssemblyPath));

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is not null && SharedAssemblies.Contains(assemblyName.Name))
        {
            return Default.LoadFromAssemblyName(assemblyName);
        }

        if (IsFrameworkAssembly(assemblyName))
        {
            // The runtime's own assemblies always come from the shared framework: no need to read the deps.json.
            return null;
        }

        var path = _resolver.Value.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    private static readonly string FrameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;

    private static bool IsFrameworkAssembly(AssemblyName name) =>
        name.Name is { } simple && File.Exists(Path.Combine(FrameworkDirectory, simple + ".dll"));

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.Value.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
