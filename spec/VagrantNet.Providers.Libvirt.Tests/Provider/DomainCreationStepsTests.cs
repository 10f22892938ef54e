using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Actions;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Tests.Interop;
using VagrantNet.Providers.Libvirt.Tests.Support;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

[Category("LibvirtTestDriver")]
public class DomainCreationStepsTests : TestDriverSteps
{
    private const string PrivateNetwork = "vnet-10.20.30.0-24";
    private const string ManagementNetwork = "vagrant-libvirt";

    [Test]
    public async Task CreationSteps_LogTheDomainAndNetworkXmlTheyDefine()
    {
        // Given
        var machine = NewMachine();
        SeedBoxImage(machine);

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then: the XML as sent to libvirt, so a refused or surprising definition can be read in the debug log
        var log = machine.CapturingLogger.Messages;
        Assert.That(log, Has.Some.StartsWith($"Defining domain {machine.DomainName}:\n<domain").And.Contains("</domain>"));
        Assert.That(log, Has.Some.StartsWith($"Defining network {PrivateNetwork}:\n<network").And.Contains("</network>"));
    }

    [Test]
    public async Task CreationSteps_DefineADomainWithTheOverlayDiskAndBothNics()
    {
        // Given
        var machine = NewMachine();
        var boxVolume = SeedBoxImage(machine);

        // When
        var context = await RunAsync(machine, LibvirtRecipes.Creation());

        // Then: the domain exists, is not started, and its UUID is the machine's id
        using var domain = Libvirt.TryLookupDomain(machine.DomainName);
        Assert.That(domain, Is.Not.Null);
        Assert.That(machine.Id, Is.EqualTo(domain!.Uuid));
        Assert.That(domain.GetState().State, Is.EqualTo(DomainState.Shutoff));

        var xml = XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive));
        Assert.That(xml.Attribute("type")?.Value, Is.EqualTo("qemu"));
        var overlayPath = $"/{TestDriver.StockPool}/{machine.DomainName}.img";
        var disk = xml.Descendants("disk").Single();
        Assert.That(disk.Element("source")?.Attribute("file")?.Value, Is.EqualTo(overlayPath));
        Assert.That(disk.Element("driver")?.Attribute("type")?.Value, Is.EqualTo("qcow2"));
        Assert.That(context.Get(LibvirtKeys.RootVolumePath), Is.EqualTo(overlayPath));

        var nics = context.Get(LibvirtKeys.Nics);
        var interfaces = xml.Descendants("interface").Select(i => (
            Network: i.Element("source")?.Attribute("network")?.Value,
            Mac: i.Element("mac")?.Attribute("address")?.Value)).ToList();
        Assert.That(interfaces, Is.EqualTo(new[] { (ManagementNetwork, nics[0].Mac), (PrivateNetwork, nics[1].Mac) }), "management NIC first, then the private network");

        // ... the overlay is a qcow2 on top of the box image volume
        using var pool = Pool();
        using var overlay = pool.TryLookupVolume(machine.DomainName + ".img");
        Assert.That(overlay, Is.Not.Null);
        var backing = XElement.Parse(overlay!.GetXmlDesc()).Element("backingStore");
        Assert.That(backing?.Element("path")?.Value, Is.EqualTo($"/{TestDriver.StockPool}/{boxVolume}"));
        Assert.That(overlay.GetInfo().Capacity, Is.EqualTo((ulong)TestBox.VirtualSizeGb * 1024 * 1024 * 1024));

        // ... and both networks were created, started and recorded
        Assert.That(RecordedNetworks(machine), Is.EquivalentTo(new[] { ManagementNetwork, PrivateNetwork }));
        foreach (var name in new[] { ManagementNetwork, PrivateNetwork })
        {
            using var network = Libvirt.TryLookupNetwork(name);
            Assert.That(network?.IsActive(), Is.True, name);
        }
    }

    [Test]
    public async Task CreationSteps_PrivateNetworkInAnExistingSubnet_JoinsThatNetworkWithoutRecordingIt()
    {
        // Given: the test driver's stock network "default" is 192.168.122.0/24
        var machine = NewMachine(configure: c => c.Vm.Network.PrivateNetwork(ip: "192.168.122.50"));
        SeedBoxImage(machine);

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        var networks = XElement.Parse(domain.GetXmlDesc()).Descendants("interface").Select(i => i.Element("source")?.Attribute("network")?.Value);
        Assert.That(networks, Is.EqualTo(new[] { ManagementNetwork, TestDriver.StockNetwork }));
        Assert.That(RecordedNetworks(machine), Is.EqualTo(new[] { ManagementNetwork }));
    }

    [Test]
    public async Task CreationSteps_DhcpPrivateNetworkWithoutIp_CreatesVagrantPrivateDhcpOn172_28_128()
    {
        // Given: private_network type: "dhcp", as vagrant-libvirt documents it
        var machine = NewMachine(configure: c => c.Vm.Network.PrivateNetwork(type: "dhcp"));
        SeedBoxImage(machine);

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then
        using var network = Libvirt.TryLookupNetwork("vagrant-private-dhcp");
        Assert.That(network, Is.Not.Null);
        var ip = XElement.Parse(network!.GetXmlDesc()).Element("ip")!;
        Assert.That((ip.Attribute("address")?.Value, ip.Attribute("prefix")?.Value), Is.EqualTo(("172.28.128.1", "24")));
        Assert.That(ip.Element("dhcp")?.Element("range")?.Attribute("start")?.Value, Is.EqualTo("172.28.128.2"));
        Assert.That(RecordedNetworks(machine), Is.EquivalentTo(new[] { ManagementNetwork, "vagrant-private-dhcp" }));
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        var networks = XElement.Parse(domain.GetXmlDesc()).Descendants("interface").Select(i => i.Element("source")?.Attribute("network")?.Value);
        Assert.That(networks, Is.EqualTo(new[] { ManagementNetwork, "vagrant-private-dhcp" }));
    }

    [Test]
    public async Task CreationSteps_DhcpPrivateNetworkWithANetworkAddress_JoinsTheNetworkAlreadyOnThatSubnet()
    {
        // Given: the test driver's stock network "default" is 192.168.122.0/24
        var machine = NewMachine(configure: c => c.Vm.Network.PrivateNetwork(type: "dhcp", options: new() { ["libvirt__network_address"] = "192.168.122.0" }));
        SeedBoxImage(machine);

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        var networks = XElement.Parse(domain.GetXmlDesc()).Descendants("interface").Select(i => i.Element("source")?.Attribute("network")?.Value);
        Assert.That(networks, Is.EqualTo(new[] { ManagementNetwork, TestDriver.StockNetwork }));
        Assert.That(NetworkNames(), Has.No.Member("vagrant-private-dhcp"));
    }

    [Test]
    public async Task CreationSteps_PublicNetworkOnAHostDevice_IsAMacvtapNic_AndCreatesNoNetwork()
    {
        // Given: vagrant-libvirt's default public network type, on a device every Linux host has
        var machine = NewMachine(configure: c => c.Vm.Network.PublicNetwork(ip: "192.0.2.10", bridge: "lo"));
        SeedBoxImage(machine);

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        var nic = XElement.Parse(domain.GetXmlDesc()).Descendants("interface").Last();
        Assert.That(nic.Attribute("type")?.Value, Is.EqualTo("direct"));
        Assert.That((nic.Element("source")?.Attribute("dev")?.Value, nic.Element("source")?.Attribute("mode")?.Value), Is.EqualTo(("lo", "bridge")));
        Assert.That(RecordedNetworks(machine), Is.EqualTo(new[] { ManagementNetwork }));
    }

    [TestCase("nosuchdev0", null, "the public_network's host device 'nosuchdev0' does not exist. Host devices: ")]
    [TestCase("lo", "bridge", "'lo' is not a bridge, so a public_network of type \"bridge\" cannot join it")]
    [TestCase("lo", "tap", "a public_network's type must be \"direct\" (macvtap) or \"bridge\", not \"tap\"")]
    public void PlanNetworkInterfaces_RefusesAPublicNetworkItCannotAttach_Saying_Why(string device, string? type, string expected)
    {
        // Given
        var machine = NewMachine(configure: c => c.Vm.Network.PublicNetwork(bridge: device, options: type is null ? null : new() { ["type"] = type }));

        // When
        var error = Assert.ThrowsAsync<LibvirtProviderException>(() => RunAsync(machine, new ActionBuilder().Use<PlanNetworkInterfaces>()));

        // Then
        Assert.That(error!.Message, Does.StartWith($"Machine '{machine.Name}': ").And.Contain(expected));
    }

    [Test]
    public void PlanNetworkInterfaces_RefusesAPublicNetworkOnAMissingLibvirtNetwork()
    {
        // Given
        var machine = NewMachine(configure: c => c.Vm.Network.PublicNetwork(options: new() { ["network_name"] = "no-such-lan" }));

        // When
        var error = Assert.ThrowsAsync<LibvirtProviderException>(() => RunAsync(machine, new ActionBuilder().Use<PlanNetworkInterfaces>()));

        // Then
        Assert.That(error!.Message, Does.Contain("names libvirt network 'no-such-lan', which does not exist"));
    }

    [Test]
    public async Task CreationSteps_ReplaceAnOverlayLeftByAFailedEarlierAttempt()
    {
        // Given: a volume with the overlay's name but no backing file, and no domain using it
        var machine = NewMachine();
        SeedBoxImage(machine);
        using (var stale = Pool())
        using (stale.CreateVolume(TestDriver.VolumeXml(machine.DomainName + ".img", capacityMiB: 1)))
        {
        }

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then
        using var pool = Pool();
        using var overlay = pool.TryLookupVolume(machine.DomainName + ".img")!;
        Assert.That(XElement.Parse(overlay.GetXmlDesc()).Element("backingStore"), Is.Not.Null);
    }

    [Test]
    public async Task CreateNetworks_StartsAnInactiveExistingNetwork_WithoutClaimingIt()
    {
        // Given: the management network is defined but stopped, as after a host reboot without autostart
        using (var stopped = Libvirt.DefineNetwork(TestDriver.NetworkXml(ManagementNetwork, "virbr77")))
        {
            Assert.That(stopped.IsActive(), Is.False);
        }

        var machine = NewMachine(configure: _ => { });
        SeedBoxImage(machine);

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then
        using var network = Libvirt.TryLookupNetwork(ManagementNetwork)!;
        Assert.That(network.IsActive(), Is.True);
        Assert.That(RecordedNetworks(machine), Is.Empty, "destroy must not remove a network it did not create");
    }

    [Test]
    public async Task HandleStoragePool_WhenThePoolIsMissing_DefinesAndStartsADirectoryPool()
    {
        // Given
        var machine = NewMachine(configureProvider: c =>
        {
            c.StoragePoolName = "vnet-new-pool";
            c.StoragePoolPath = "/vnet-new-pool";
        });

        // When
        await RunAsync(machine, new ActionBuilder().Use<HandleStoragePool>());

        // Then
        using var pool = Libvirt.TryLookupStoragePool("vnet-new-pool");
        Assert.That(pool, Is.Not.Null);
        Assert.That(pool!.IsActive(), Is.True);
        Assert.That(XElement.Parse(pool.GetXmlDesc()).Element("target")?.Element("path")?.Value, Is.EqualTo("/vnet-new-pool"));
    }

    [Test]
    public async Task Recovery_WhenALaterStepFails_RemovesTheDomainOverlayAndCreatedNetworks()
    {
        // Given
        var machine = NewMachine();
        var boxVolume = SeedBoxImage(machine);
        var failure = new InvalidOperationException("boot failed");

        // When
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(machine, LibvirtRecipes.Creation().Use(new FailingStep(failure))));

        // Then: the original error goes on, and what the steps made is gone (the shared box image stays)
        Assert.That(error, Is.SameAs(failure));
        Assert.That(DomainExists(machine.DomainName), Is.False);
        Assert.That(machine.Id, Is.Null);
        Assert.That(VolumeNames(), Has.No.Member(machine.DomainName + ".img").And.Member(boxVolume));
        Assert.That(NetworkNames(), Has.No.Member(ManagementNetwork).And.No.Member(PrivateNetwork).And.Member(TestDriver.StockNetwork));
        Assert.That(machine.RecordingUi.Lines, Has.None.StartsWith("warn: Cleanup after the error failed"));
        Assert.That(machine.FakeHost.PortForwarder.Calls, Is.EqualTo(new[] { "stop " + machine.Name }), "ports forwarded to the removed domain are stopped");
    }

    [Test]
    public async Task Recovery_WithDestroyOnErrorOff_KeepsEverythingForInspection()
    {
        // Given
        var machine = NewMachine();
        SeedBoxImage(machine);

        // When
        Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(
            machine,
            LibvirtRecipes.Creation().Use(new FailingStep(new InvalidOperationException("boot failed"))),
            c => c.Set(CommandOptionKeys.DestroyOnError, false)));

        // Then
        Assert.That(DomainExists(machine.DomainName), Is.True);
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        Assert.That(machine.Id, Is.EqualTo(domain.Uuid));
        Assert.That(VolumeNames(), Has.Member(machine.DomainName + ".img"));
        Assert.That(NetworkNames(), Has.Member(ManagementNetwork).And.Member(PrivateNetwork));
        Assert.That(RecordedNetworks(machine), Is.EquivalentTo(new[] { ManagementNetwork, PrivateNetwork }));
    }

    [Test]
    public async Task Recovery_OfASecondMachine_LeavesTheNetworksTheFirstOneCreated()
    {
        // Given: the first machine created both networks; the second finds them
        var first = await CreatedMachineAsync();
        var second = NewMachine("db");

        // When
        Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(second, LibvirtRecipes.Creation().Use(new FailingStep(new InvalidOperationException("boot failed")))));

        // Then
        Assert.That(DomainExists(second.DomainName), Is.False);
        Assert.That(DomainExists(first.DomainName), Is.True);
        Assert.That(NetworkNames(), Has.Member(ManagementNetwork).And.Member(PrivateNetwork));
        Assert.That(RecordedNetworks(second), Is.Empty, "the second machine made none of them");
    }

    private sealed class FailingStep(Exception error) : IAction
    {
        public Task InvokeAsync(ActionContext context, ActionDelegate next) => Task.FromException(error);
    }
}
