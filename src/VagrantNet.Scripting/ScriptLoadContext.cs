using System.Reflection;
using System.Runtime.Loader;

namespace VagrantNet.Scripting;

/// <summary>
/// Loads compiled scripts. A script that names a plugin's config type binds to the very assembly the plugin
/// was loaded from (in the plugin's own context), so the script and the provider share one <c>LibvirtConfig</c>.
/// </summary>
internal sealed class ScriptLoadContext(ScriptReferences references) : AssemblyLoadContext("vnet-scripts")
{
    private readonly Dictionary<string, Assembly> _plugins = references.Plugins.ToDictionary(a => a.GetName().Name!, StringComparer.OrdinalIgnoreCase);

    protected override Assembly? Load(AssemblyName assemblyName) =>
        assemblyName.Name is not null && _plugins.TryGetValue(assemblyName.Name, out var plugin) ? plugin : null;
}
