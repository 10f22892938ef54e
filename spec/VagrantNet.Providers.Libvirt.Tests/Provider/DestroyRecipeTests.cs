using VagrantNet.Providers.Libvirt.Actions;
using VagrantNet.Providers.Libvirt.Tests.Interop;
using VagrantNet.Providers.Libvirt.Tests.Support;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

[Category("LibvirtTestDriver")]
public class DestroyRecipeTests : TestDriverSteps
{
    private const string PrivateNetwork = "vnet-10.20.30.0-24";
    private const string ManagementNetwork = "vagrant-libvirt";

    [Test]
    public async Task Destroy_OfARunningMachine_RemovesDomainOverlayAndItsNetworks_ButNotTheBoxImage()
    {
        // Given
        var machine = await CreatedMachineAsync();
        await RunAsync(machine, new ActionBuilder().Use<StartDomain>());
        var boxVolume = HandleBoxImage.VolumeName(machine.FakeHost.Box, "box.img");

        // When
        await RunAsync(machine, LibvirtRecipes.Destroy());

        // Then
        Assert.That(DomainExists(machine.DomainName), Is.False);
        Assert.That(VolumeNames(), Has.No.Member(machine.DomainName + ".img").And.Member(boxVolume));
        Assert.That(NetworkNames(), Has.No.Member(ManagementNetwork).And.No.Member(PrivateNetwork).And.Member(TestDriver.StockNetwork));
        Assert.That(machine.Id, Is.Null);
        Assert.That(machine.ReadState("box_meta"), Is.Null);
        Assert.That((await machine.StateAsync(CancellationToken.None)).IsCreated, Is.False);
        Assert.That(machine.FakeHost.PortForwarder.Calls, Is.EqualTo(new[] { "stop " + machine.Name }), "forwarded ports are stopped before the domain goes");
    }

    [Test]
    public async Task Destroy_KeepsACreatedNetworkThatAnotherDomainStillUses()
    {
        // Given: another domain joined the private network this machine created
        var machine = await CreatedMachineAsync();
        using (Libvirt.DefineDomain(TestDriver.DomainXml(TestDriver.UniqueName("other")).Replace($"network='{TestDriver.StockNetwork}'", $"network='{PrivateNetwork}'")))
        {
        }

        // When
        await RunAsync(machine, LibvirtRecipes.Destroy());

        // Then
        Assert.That(DomainExists(machine.DomainName), Is.False);
        Assert.That(NetworkNames(), Has.Member(PrivateNetwork).And.No.Member(ManagementNetwork));
        Assert.That(machine.Id, Is.Null);
    }

    [Test]
    public async Task Destroy_OfTheLastMachineOnNetworksAnotherMachineCreated_RemovesThem()
    {
        // Given: web created both networks, db (same VNET_HOME) joined them; web goes first
        var web = await CreatedMachineAsync();
        var db = NewMachine("db", host: web.FakeHost);
        await RunAsync(db, LibvirtRecipes.Creation());
        Assert.That(RecordedNetworks(db), Is.EquivalentTo(new[] { ManagementNetwork, PrivateNetwork }), "web's networks are recorded for the host, not for web");
        await RunAsync(web, LibvirtRecipes.Destroy());
        Assert.That(NetworkNames(), Has.Member(ManagementNetwork).And.Member(PrivateNetwork), "db still uses them");

        // When
        await RunAsync(db, LibvirtRecipes.Destroy());

        // Then
        Assert.That(NetworkNames(), Has.No.Member(ManagementNetwork).And.No.Member(PrivateNetwork));
    }

    [Test]
    public async Task Destroy_LeavesASameNamedNetworkSomeoneMadeInPlaceOfVnets()
    {
        // Given: the private network vnet made was removed behind its back, and someone made one of that name
        var machine = await CreatedMachineAsync();
        using (var network = Libvirt.TryLookupNetwork(PrivateNetwork)!)
        {
            network.Destroy();
            network.Undefine();
        }

        using (Libvirt.DefineNetwork(TestDriver.NetworkXml(PrivateNetwork, "virbr77")))
        {
        }

        // When
        await RunAsync(machine, LibvirtRecipes.Destroy());

        // Then
        Assert.That(NetworkNames(), Has.Member(PrivateNetwork).And.No.Member(ManagementNetwork));
    }

    [Test]
    public async Task Destroy_OfAMachineNeverCreated_TouchesNothing()
    {
        // Given
        var machine = NewMachine();
        var networks = NetworkNames();

        // When
        await RunAsync(machine, LibvirtRecipes.Destroy());

        // Then
        // (the CLI says "VM not created" before it ever runs the recipe)
        Assert.That(machine.RecordingUi.Lines, Is.Empty);
        Assert.That(NetworkNames(), Is.EqualTo(networks));
    }
}
