namespace VagrantNet.Sdk.Plugins;

/// <summary>A plugin's entry point, named by <see cref="VagrantPluginAttribute"/> on its assembly.</summary>
public interface IVagrantPlugin
{
    void Register(IPluginRegistry registry);
}

/// <summary>Marks an assembly as a vnet plugin and names its entry point: <c>[assembly: VagrantPlugin(typeof(MyPlugin))]</c>.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class VagrantPluginAttribute(Type pluginType) : Attribute
{
    public Type PluginType { get; } = pluginType;
}
