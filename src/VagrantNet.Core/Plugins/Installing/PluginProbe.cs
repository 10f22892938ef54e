using System.Reflection;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.Plugins.Installing;

/// <summary>
/// Checks a staged plugin as the plugin host will: <see cref="PluginVerifier"/> on its metadata, then a load into a
/// collectible context of its own to see that its entry type is an <see cref="IVagrantPlugin"/> vnet can create.
/// </summary>
public sealed class PluginProbe(Version hostSdkVersion)
{
    /// <summary>Why the plugin at <paramref name="assemblyPath"/> would not load, or null when it would.</summary>
    public string? Refusal(string assemblyPath)
    {
        var verdict = new PluginVerifier(hostSdkVersion).Verify(assemblyPath);
        if (verdict.Refusal is not null)
        {
            return verdict.Refusal;
        }

        var name = Path.GetFileName(assemblyPath);
        var context = new PluginLoadContext(assemblyPath, isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(assemblyPath);
            var type = assembly.GetCustomAttribute<VagrantPluginAttribute>()?.PluginType;
            return type is not null && typeof(IVagrantPlugin).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) is not null
                ? null
                : $"Plugin {name}: {type?.FullName ?? verdict.Entry!.TypeName} must implement IVagrantPlugin and have a public parameterless constructor.";
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or TypeLoadException)
        {
            return $"Plugin {name} could not be loaded: {e.Message}";
        }
        finally
        {
            context.Unload();
        }
    }
}
