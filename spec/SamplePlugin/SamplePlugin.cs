using VagrantNet.Sdk.Plugins;

[assembly: VagrantPlugin(typeof(SamplePlugin.SamplePlugin))]

namespace SamplePlugin;

/// <summary>Registers the <c>sample</c> provider and the <c>sample-hello</c> command.</summary>
public sealed class SamplePlugin : IVagrantPlugin
{
    public void Register(IPluginRegistry registry)
    {
        registry.Provider<SampleConfig>(machine => new SampleProvider(machine), new ProviderOptions { Priority = 1 });
        HelloCommand.Register(registry);
    }
}
