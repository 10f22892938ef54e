using VagrantNet.Sdk.Plugins;

[assembly: VagrantPlugin(typeof(Company.Provider.Plugin))]

namespace Company.Provider;

/// <summary>The plugin's entry point: registers the providername provider.</summary>
public sealed class Plugin : IVagrantPlugin
{
    public void Register(IPluginRegistry registry) =>
        registry.Provider<Settings>(machine => new MachineProvider(machine));
}
