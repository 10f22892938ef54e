using VagrantNet.Sdk.Config;

namespace VagrantNet.Core.Configuration;

/// <summary>The user-wide and project layers of configuration, before any machine is chosen.</summary>
public sealed class ProjectConfig
{
    public const string DefaultMachineName = "default";

    internal ProjectConfig(IReadOnlyList<ConfigLayer> layers)
    {
        Layers = layers;
        var definitions = new List<MachineDefinition>();
        foreach (var definition in layers.SelectMany(l => l.Config.Vm.Definitions))
        {
            if (definitions.All(d => d.Name != definition.Name))
            {
                definitions.Add(definition);
            }
        }

        if (definitions.Count == 0)
        {
            definitions.Add(new MachineDefinition(DefaultMachineName, _ => { }, Primary: true, Autostart: true));
        }

        Machines = definitions;
    }

    /// <summary>User-wide first, then the project: the order they merge in.</summary>
    public IReadOnlyList<ConfigLayer> Layers { get; }

    /// <summary>Machines in definition order (a single <c>default</c> when none is defined).</summary>
    public IReadOnlyList<MachineDefinition> Machines { get; }

    public MachineDefinition? Find(string name) => Machines.FirstOrDefault(m => m.Name == name);

    /// <summary>The primary machine: the one marked primary, or the only one.</summary>
    public MachineDefinition? Primary => Machines.Count == 1 ? Machines[0] : Machines.FirstOrDefault(m => m.Primary);
}

/// <summary>One evaluated Vagrantfile.csx.</summary>
public sealed record ConfigLayer(string Source, RootConfig Config);
