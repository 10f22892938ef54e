namespace VagrantNet.Sdk.Config;

/// <summary>The <c>config</c> object a Vagrantfile.csx receives: one per layer, merged in Vagrant's order.</summary>
public sealed class RootConfig : ConfigSection
{
    public VmConfig Vm { get; } = new();

    public SshConfig Ssh { get; } = new();

    public VnetConfig Vnet { get; } = new();

    /// <summary>Vagrant's <c>config.trigger</c>.</summary>
    public TriggerConfig Trigger { get; } = new();

    public override void Validate(ValidationErrors errors)
    {
        Vm.Validate(errors);
        Ssh.Validate(errors);
        Trigger.Validate(errors);
    }
}

/// <summary>Settings of vnet itself (Vagrant's <c>config.vagrant</c>).</summary>
public sealed class VnetConfig : ConfigSection
{
    /// <summary>
    /// Plugins the project needs, by package id: every command that loads the project stops before touching a machine
    /// when one is not installed, naming the <c>vnet plugin install</c> command for each.
    /// </summary>
    public List<string> Plugins { get; } = [];
}
