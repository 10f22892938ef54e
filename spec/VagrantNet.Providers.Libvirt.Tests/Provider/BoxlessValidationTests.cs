using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

/// <summary>
/// A libvirt machine may have no box (vagrant-libvirt's <c>box_optional</c>); what needs a guest that answers SSH is
/// then refused by name, never accepted and skipped.
/// </summary>
public class BoxlessValidationTests
{
    [Test]
    public void ThePlugin_RegistersTheProviderAsWorkingWithoutABox()
    {
        // Given
        var registry = new ProviderOnlyRegistry();

        // When
        new LibvirtPlugin().Register(registry);

        // Then
        Assert.That(registry.Options?.BoxOptional, Is.True);
    }

    [Test]
    public void ValidateMachine_OfABoxlessMachine_RefusesProvisionersFoldersForwardedPortsAndHostname_NamingEach()
    {
        // When
        var errors = Errors(box: null, m =>
        {
            m.Vm.Provision.Shell(name: "setup", inline: "true");
            m.Vm.SyncedFolder("data", "/srv/data");
            m.Vm.Network.ForwardedPort(guest: 80, host: 8080);
            m.Vm.Hostname = "installer";
        });

        // Then
        const string Why = "the machine has no box (vm.box), so nothing in it answers SSH";
        Assert.That(errors, Is.EqualTo(new[]
        {
            $"vm.provision: 'setup' (shell) cannot run: {Why}; remove it or set a box",
            $"vm.synced_folder: '/srv/data' cannot be shared: {Why}; remove it or set a box",
            $"vm.network: forwarded ports cannot be set up: {Why} (vnet forwards ports over SSH); remove them or set a box",
            $"vm.hostname: cannot be set: {Why}; remove it or set a box",
        }));
    }

    [Test]
    public void ValidateMachine_OfABoxlessMachine_AcceptsTheDefaultShareDisabledFoldersAndPxeNetworks()
    {
        // When: the /vagrant share every machine gets is left out at up, not refused
        var errors = Errors(box: null, m =>
        {
            m.Vm.SyncedFolder("other", "/srv/other", disabled: true);
            m.Vm.Network.PrivateNetwork(ip: "10.20.52.10", options: new()
            {
                ["libvirt__tftp_root"] = "/srv/tftp",
                ["libvirt__dhcp_bootp_file"] = "pxelinux.0",
                ["libvirt__dhcp_bootp_server"] = "10.20.52.1",
            });
        });

        // Then
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void ValidateMachine_OfAMachineWithABox_LeavesProvisionersAndFoldersToTheirOwnChecks()
    {
        // When
        var errors = Errors(box: "vnet/debian12", m =>
        {
            m.Vm.Provision.Shell(name: "setup", inline: "true");
            m.Vm.SyncedFolder("data", "/srv/data");
            m.Vm.Hostname = "web";
        });

        // Then
        Assert.That(errors, Is.Empty);
    }

    private static List<string> Errors(string? box, Action<RootConfig> machine)
    {
        var root = new RootConfig();
        root.Vm.Box = box;
        machine(root);
        root.FinalizeDefaults();
        var config = new LibvirtConfig();
        config.FinalizeDefaults();
        var errors = new ValidationErrors("pxe");
        config.ValidateMachine(root, errors);
        return [.. errors.All.Select(e => e.ToString())];
    }

    /// <summary>Records the provider registration; the libvirt plugin registers nothing else.</summary>
    private sealed class ProviderOnlyRegistry : IPluginRegistry
    {
        public ProviderOptions? Options { get; private set; }

        public void Provider<TConfig>(Func<IMachine, IProvider> factory, ProviderOptions? options = null)
            where TConfig : ProviderConfig, new() => Options = options;

        public void Communicator(string name, Func<IMachine, ICommunicator> factory) => throw Unexpected();

        public void Provisioner(string type, Func<IProvisioner> factory) => throw Unexpected();

        public void SyncedFolder(string type, int priority, Func<ISyncedFolder> factory) => throw Unexpected();

        public void GuestCapability<TArgs, TResult>(string guest, GuestCapability<TArgs, TResult> capability, GuestCapabilityHandler<TArgs, TResult> implementation) => throw Unexpected();

        public void Guest(string name, string? parent, string detectCommand) => throw Unexpected();

        public void ActionHook(string action, Action<ActionBuilder> hook) => throw Unexpected();

        public void Command(string name, string description, CommandHandler handler, params IReadOnlyList<CommandArgument> arguments) => throw Unexpected();

        private static NotSupportedException Unexpected() => new("the libvirt plugin registers only its provider");
    }
}
