using VagrantNet.Core;
using VagrantNet.Core.Communication;
using VagrantNet.Core.Guests;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Guests;

/// <summary>Capabilities that would stop or reconfigure a real host, checked against a scripted guest.</summary>
[TestFixture]
public class LinuxCapabilityFlowTests
{
    [Test]
    public async Task Reboot_WaitsUntilTheGuestAnswersFromANewBoot()
    {
        // Given: the first answer after the reboot still comes from the old boot
        var bootIds = new Queue<string>(["boot-1", "boot-1", "boot-2"]);
        var communicator = new ScriptedCommunicator(command => command == LinuxScripts.BootId ? (0, [bootIds.Dequeue()]) : (0, []));
        using var machine = new TestMachine(c => c.Vm.Guest = "linux") { Communicator = communicator };

        // When
        await machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.Reboot, CancellationToken.None);

        // Then
        Assert.That(bootIds, Is.Empty);
        Assert.That(communicator.Log, Does.Contain("sudo: " + LinuxScripts.Reboot));
        Assert.That(communicator.Log.Count(l => l == "wait"), Is.EqualTo(2));
    }

    [Test]
    public async Task Halt_IgnoresTheConnectionDroppingUnderIt()
    {
        // Given
        using var machine = new TestMachine(c => c.Vm.Guest = "linux");
        machine.Communicator = new ScriptedCommunicator(command => command == LinuxScripts.Halt ? throw new SshConnectionLostException("default", new IOException("gone")) : (0, []));

        // When / Then
        await machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.Halt, CancellationToken.None);
        Assert.That(((ScriptedCommunicator)machine.Communicator).Log, Does.Contain("reset"));
    }

    [Test]
    public async Task ConfigureNetworks_MatchesNetworksToNicsByMac_ElseTakesTheNicsAfterTheFirst()
    {
        // Given
        var communicator = new ScriptedCommunicator(command => command == LinuxScripts.NetworkInterfaces
            ? (0, ["2 eth0 52:54:00:00:00:01", "4 eth2 52:54:00:00:00:03", "3 eth1 52:54:00:00:00:02"])
            : (0, []));
        using var machine = new TestMachine(c => c.Vm.Guest = "linux") { Communicator = communicator };
        NetworkDefinition[] networks =
        [
            new() { Kind = NetworkKind.Private, Ip = "10.0.0.2", Mac = "52-54-00-00-00-03" },
            new() { Kind = NetworkKind.Private, Ip = "10.0.1.2" },
        ];

        // When
        await machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.ConfigureNetworks, networks, CancellationToken.None);

        // Then
        var script = communicator.Log.Single(l => l.StartsWith("sudo: ", StringComparison.Ordinal));
        Assert.That(script, Does.Contain("Name=eth2\n\n[Network]\nAddress=10.0.0.2/24"));
        Assert.That(script, Does.Contain("Name=eth1\n\n[Network]\nAddress=10.0.1.2/24"));
    }

    [Test]
    public async Task RsyncInstall_UsesTheFamilysPackageManager()
    {
        // Given
        var communicator = new ScriptedCommunicator(_ => (0, []));
        using var machine = new TestMachine(c => c.Vm.Guest = "alpine") { Communicator = communicator };

        // When
        await machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.RsyncInstall, CancellationToken.None);

        // Then
        Assert.That(communicator.Log, Is.EqualTo(new[] { "sudo: " + LinuxScripts.InstallRsyncAlpine }));
    }

    [Test]
    public async Task Capabilities_AreFoundAlongTheFamilyChain()
    {
        // Given
        using var machine = new TestMachine(c => c.Vm.Guest = "ubuntu") { Communicator = new ScriptedCommunicator(_ => (0, [])) };

        // When
        var has = await machine.Guest.HasAsync(GuestCapabilitiesWellKnown.ChangeHostName, CancellationToken.None);
        var missing = await machine.Guest.HasAsync(new GuestCapability<string, Unit>("mount_virtualbox_shared_folder"), CancellationToken.None);

        // Then
        Assert.That((has, missing), Is.EqualTo((true, false)));
    }

    [Test]
    public void Invoke_OfACapabilityTheGuestLacks_NamesTheGuestAndTheCapability()
    {
        // Given
        using var machine = new TestMachine(c => c.Vm.Guest = "ubuntu") { Communicator = new ScriptedCommunicator(_ => (0, [])) };
        var missing = new GuestCapability<string, Unit>("mount_virtualbox_shared_folder");

        // When / Then
        Assert.That(
            async () => await machine.Guest.InvokeAsync(missing, "/vagrant", CancellationToken.None),
            Throws.InstanceOf<VnetException>().With.Message.Contains("the guest 'ubuntu' has no capability 'mount_virtualbox_shared_folder'"));
    }
}
