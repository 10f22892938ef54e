using VagrantNet.Core.Plugins;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Core.Configuration;

/// <summary>
/// Builds one machine's config in Vagrant's order: box Vagrantfile, user-wide, project, the machine's
/// <c>Define</c> block, then the provider block's override; then finalizes and validates.
/// </summary>
public sealed class MachineConfigBuilder(ProjectConfig project, PluginRegistry registry, ConfigLoader loader, IBoxLookup? boxes)
{
    /// <summary>Builds the config of <paramref name="machine"/>; with no <paramref name="provider"/>, provider settings are left out.</summary>
    public async Task<MachineConfiguration> BuildAsync(string machine, string? provider, CancellationToken cancellation)
    {
        var definition = project.Find(machine)
            ?? throw new VnetException($"The machine '{machine}' is not defined in this project. Defined machines: {string.Join(", ", project.Machines.Select(m => m.Name))}.");
        var registration = provider is null
            ? null
            : registry.FindProvider(provider) ?? throw new VnetException($"The provider '{provider}' could not be found. Installed providers: {InstalledProviders()}.");

        // The box's own Vagrantfile.csx merges first, but which box it is depends on the other layers.
        var withoutBox = Merge(null, definition);
        ConfigLayer? boxLayer = null;
        var box = withoutBox.Vm.Box is null || provider is null ? null : boxes?.Find(withoutBox.Vm.Box, withoutBox.Vm.BoxVersion, provider, withoutBox.Vm.BoxArchitecture ?? "amd64");
        var boxScript = box is null ? null : Path.Combine(box.Directory, "Vagrantfile.csx");
        if (boxScript is not null && File.Exists(boxScript))
        {
            boxLayer = await loader.LoadLayerAsync(boxScript, cancellation).ConfigureAwait(false);
        }

        var config = boxLayer is null ? withoutBox : Merge(boxLayer.Config, definition);
        var providerConfig = registration?.CreateConfig() ?? new NoProviderConfig();
        var overrideLayer = new RootConfig();
        foreach (var block in config.Vm.ProviderBlocks.Where(b => b.Name == provider))
        {
            ScriptErrorLocator.Run(() => block.Apply(providerConfig, overrideLayer), project.Layers[^1].Source, machine);
        }

        config.Merge(overrideLayer);

        // Before the SDK's default (ssh): a provider whose machines have no sshd (containers) names its own communicator.
        config.Vm.Communicator ??= registration?.Options.DefaultCommunicator;
        config.FinalizeDefaults();
        providerConfig.FinalizeDefaults();

        var errors = new ValidationErrors(machine, Path.GetDirectoryName(project.Layers[^1].Source))
        {
            Communicators = [.. registry.Communicators.Keys],
            SyncedFolderTypes = [.. registry.SyncedFolders.Keys],
            BoxOptional = registration?.Options.BoxOptional ?? false,
        };
        config.Validate(errors);
        providerConfig.Validate(errors);
        providerConfig.ValidateMachine(config, errors);
        return new MachineConfiguration(machine, provider ?? NoProviderConfig.Name, config, providerConfig, errors, definition);
    }

    /// <summary>User-wide, project and Define layers merged, without the box's: enough to read the box and provider blocks.</summary>
    public RootConfig MergeWithoutBox(MachineDefinition definition) => Merge(null, definition);

    private RootConfig Merge(RootConfig? boxLayer, MachineDefinition definition)
    {
        var config = new RootConfig();
        if (boxLayer is not null)
        {
            config.Merge(boxLayer);
        }

        foreach (var layer in project.Layers)
        {
            config.Merge(layer.Config);
        }

        var defineLayer = new RootConfig();
        ScriptErrorLocator.Run(() => definition.Configure(defineLayer), project.Layers[^1].Source, definition.Name);
        config.Merge(defineLayer);
        return config;
    }

    private string InstalledProviders() =>
        registry.Providers.Count == 0 ? "none" : string.Join(", ", registry.Providers.Keys.Order(StringComparer.Ordinal));
}

/// <summary>Stands in for a provider config when a command validates without a provider.</summary>
[ProviderName(Name)]
internal sealed class NoProviderConfig : ProviderConfig
{
    public const string Name = "none";
}
