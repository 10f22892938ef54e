using VagrantNet.Core.Plugins;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Cli;

/// <summary>Parts that ship inside vnet and register through the same API a third-party plugin uses.</summary>
internal static class BuiltinPlugins
{
    public static IReadOnlyList<IVagrantPlugin> All { get; } = [new CorePlugin()];
}
