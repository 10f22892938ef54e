using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Actions;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Networks;
using VagrantNet.Providers.Libvirt.Tests.Interop;
using VagrantNet.Providers.Libvirt.Tests.Support;
using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

/// <summary>
/// The network and NIC options, from the Vagrantfile to the XML libvirt keeps: the creation steps run on
/// <c>test:///default</c>, which parses and validates what it is given, and the tests read back what it defined.
/// </summary>
[Category("LibvirtTestDriver")]
public class NetworkOptionsTests : TestDriverSteps
{
    private const string ManagementNetwork = "vagrant-libvirt";

    [Test]
    public async Task PrivateNetworkOptions_ReachTheNetworkAndTheNicLibvirtDefines()
    {
        // Given
        var machine = NewMachine(configure: c => c.Vm.Network.PrivateNetwork(ip: "10.20.5.42", options: new()
        {
            ["libvirt__network_name"] = "lab",
            ["libvirt__forward_mode"] = "route",
            ["libvirt__forward_device"] = "eth0",
            ["libvirt__host_ip"] = "10.20.5.254",
            ["libvirt__dhcp_start"] = "10.20.5.100",
            ["libvirt__dhcp_stop"] = "10.20.5.199",
            ["libvirt__domain_name"] = "test.local",
            ["libvirt__guest_ipv6"] = "no",
            ["libvirt__ipv6_address"] = "2001:db8:ca2:6::1",
            ["libvirt__ipv6_prefix"] = "64",
            ["libvirt__mtu"] = 9000,
            ["libvirt__iface_name"] = "lab-t0",
            ["libvirt__driver_name"] = "qemu",
            ["libvirt__driver_queues"] = "2",
            ["libvirt__bus"] = "0x00",
            ["libvirt__slot"] = "0x0a",
            ["libvirt__mac"] = "52:54:00:AB:CD:EF",
        }));
        SeedBoxImage(machine);

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then: the network
        using var network = Libvirt.TryLookupNetwork("lab")!;
        var net = XElement.Parse(network.GetXmlDesc());
        Assert.That(net.Attribute("ipv6"), Is.Null, "guest_ipv6 no: libvirt writes ipv6 only when it is yes");
        Assert.That((net.Element("forward")?.Attribute("mode")?.Value, net.Element("forward")?.Attribute("dev")?.Value), Is.EqualTo(("route", "eth0")));
        Assert.That(net.Element("mtu")?.Attribute("size")?.Value, Is.EqualTo("9000"));
        Assert.That(net.Element("domain")?.Attribute("name")?.Value, Is.EqualTo("test.local"));
        var ipv4 = net.Elements("ip").Single(i => i.Attribute("family") is null);
        Assert.That(ipv4.Attribute("address")?.Value, Is.EqualTo("10.20.5.254"));
        var range = ipv4.Element("dhcp")!.Element("range")!;
        Assert.That((range.Attribute("start")?.Value, range.Attribute("end")?.Value), Is.EqualTo(("10.20.5.100", "10.20.5.199")));
        var ipv6 = net.Elements("ip").Single(i => i.Attribute("family")?.Value == "ipv6");
        Assert.That((ipv6.Attribute("address")?.Value, ipv6.Attribute("prefix")?.Value), Is.EqualTo(("2001:db8:ca2:6::1", "64")));

        // ... and the NIC
        var nic = Interfaces(machine).Single(i => i.Element("source")?.Attribute("network")?.Value == "lab");
        Assert.That(nic.Element("mac")?.Attribute("address")?.Value, Is.EqualTo("52:54:00:ab:cd:ef"));
        Assert.That(nic.Element("target")?.Attribute("dev")?.Value, Is.EqualTo("lab-t0"));
        Assert.That(nic.Element("mtu")?.Attribute("size")?.Value, Is.EqualTo("9000"));
        Assert.That(nic.Element("model")?.Attribute("type")?.Value, Is.EqualTo("virtio"));
        Assert.That((nic.Element("driver")?.Attribute("name")?.Value, nic.Element("driver")?.Attribute("queues")?.Value), Is.EqualTo(("qemu", "2")));
        var address = nic.Element("address")!;
        Assert.That((address.Attribute("type")?.Value, Convert.ToInt32(address.Attribute("slot")?.Value, 16)), Is.EqualTo(("pci", 10)));
    }

    [Test]
    public async Task ManagementNetworkSettings_ReachTheManagementNetworkAndItsNic()
    {
        // Given
        var machine = NewMachine(configureProvider: p =>
        {
            p.ManagementNetworkDomain = "mgmt.local";
            p.ManagementNetworkMtu = 1400;
            p.ManagementNetworkGuestIpv6 = "no";
            p.ManagementNetworkIfaceName = "mgmt-t0";
            p.ManagementNetworkModelType = "rtl8139";
            p.ManagementNetworkPciBus = "0";
            p.ManagementNetworkPciSlot = "9";
        });
        SeedBoxImage(machine);

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then
        using var network = Libvirt.TryLookupNetwork(ManagementNetwork)!;
        var net = XElement.Parse(network.GetXmlDesc());
        Assert.That(net.Attribute("ipv6"), Is.Null, "guest_ipv6 no: libvirt writes ipv6 only when it is yes");
        Assert.That(net.Element("mtu")?.Attribute("size")?.Value, Is.EqualTo("1400"));
        Assert.That(net.Element("domain")?.Attribute("name")?.Value, Is.EqualTo("mgmt.local"));
        var nic = Interfaces(machine).First();
        Assert.That(nic.Element("source")?.Attribute("network")?.Value, Is.EqualTo(ManagementNetwork));
        Assert.That(nic.Element("target")?.Attribute("dev")?.Value, Is.EqualTo("mgmt-t0"));
        Assert.That(nic.Element("mtu")?.Attribute("size")?.Value, Is.EqualTo("1400"));
        Assert.That(nic.Element("model")?.Attribute("type")?.Value, Is.EqualTo("rtl8139"));
        Assert.That(Convert.ToInt32(nic.Element("address")?.Attribute("slot")?.Value, 16), Is.EqualTo(9));
    }

    [Test]
    public async Task ManagementNetworkDriverIommu_PutsIommuOnTheVirtioDriver()
    {
        // Given
        var machine = NewMachine(configureProvider: p => p.ManagementNetworkDriverIommu = true);
        SeedBoxImage(machine);

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then
        Assert.That(Interfaces(machine).First().Element("driver")?.Attribute("iommu")?.Value, Is.EqualTo("on"));
    }

    [Test]
    public async Task VeryIsolatedNetwork_IsDefinedWithNeitherForwardNorHostAddress()
    {
        // Given: a layer-2 switch for two lab machines, no address on the host
        var machine = NewMachine(configure: c => c.Vm.Network.PrivateNetwork(autoConfig: false, options: new()
        {
            ["libvirt__forward_mode"] = "veryisolated",
            ["libvirt__network_name"] = "lab-l2",
        }));
        SeedBoxImage(machine);

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then
        using var network = Libvirt.TryLookupNetwork("lab-l2")!;
        var net = XElement.Parse(network.GetXmlDesc());
        Assert.That(net.Element("forward"), Is.Null);
        Assert.That(net.Elements("ip"), Is.Empty);
        Assert.That(net.Attribute("ipv6")?.Value, Is.EqualTo("yes"), "guest_ipv6 defaults to yes, as in vagrant-libvirt");
        Assert.That(network.IsActive(), Is.True);
        Assert.That(Interfaces(machine).Select(i => i.Element("source")?.Attribute("network")?.Value), Is.EqualTo(new[] { ManagementNetwork, "lab-l2" }));
        Assert.That(RecordedNetworks(machine), Is.EquivalentTo(new[] { ManagementNetwork, "lab-l2" }));
    }

    [Test]
    public async Task VeryIsolatedNetworkWithAnIp_IsNotTakenForANetworkOnTheSameSubnet()
    {
        // Given: the test driver's stock network "default" is 192.168.122.0/24
        var machine = NewMachine(configure: c => c.Vm.Network.PrivateNetwork(ip: "192.168.122.50", options: new() { ["libvirt__forward_mode"] = "veryisolated" }));
        SeedBoxImage(machine);

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then
        Assert.That(Interfaces(machine).Select(i => i.Element("source")?.Attribute("network")?.Value), Is.EqualTo(new[] { ManagementNetwork, "vnet-l2-192.168.122.0-24" }));
        using var network = Libvirt.TryLookupNetwork("vnet-l2-192.168.122.0-24")!;
        Assert.That(XElement.Parse(network.GetXmlDesc()).Elements("ip"), Is.Empty);
    }

    [Test]
    public async Task TcpAndMulticastTunnels_ReachTheDomainAsSocketInterfaces()
    {
        // Given
        var machine = NewMachine(configure: c =>
        {
            c.Vm.Network.PrivateNetwork(ip: "10.0.1.2", options: new() { ["libvirt__tunnel_type"] = "server", ["libvirt__tunnel_port"] = "11111", ["libvirt__model_type"] = "e1000" });
            c.Vm.Network.PrivateNetwork(ip: "10.0.2.2", options: new() { ["libvirt__tunnel_type"] = "client", ["libvirt__tunnel_ip"] = "127.0.0.2", ["libvirt__tunnel_port"] = 11112 });
            c.Vm.Network.PrivateNetwork(ip: "10.0.3.2", options: new() { ["libvirt__tunnel_type"] = "mcast", ["libvirt__tunnel_port"] = 5558 });
            c.Vm.Network.PrivateNetwork(ip: "10.0.4.2", options: new() { ["libvirt__tunnel_type"] = "udp", ["libvirt__tunnel_port"] = 4000, ["libvirt__tunnel_local_port"] = 4001 });
        });
        SeedBoxImage(machine);

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then
        var tunnels = Interfaces(machine).Skip(1).Select(i => (
            Type: i.Attribute("type")?.Value,
            Address: i.Element("source")?.Attribute("address")?.Value,
            Port: i.Element("source")?.Attribute("port")?.Value,
            LocalPort: i.Element("source")?.Element("local")?.Attribute("port")?.Value)).ToList();
        Assert.That(Interfaces(machine).Select(i => i.Element("model")?.Attribute("type")?.Value), Is.EqualTo(new[] { "virtio", "e1000", "virtio", "virtio", "virtio" }), "model_type is per NIC");
        Assert.That(tunnels, Is.EqualTo(new (string?, string?, string?, string?)[]
        {
            ("server", "127.0.0.1", "11111", null),
            ("client", "127.0.0.2", "11112", null),
            ("mcast", "239.255.1.1", "5558", null),
            ("udp", "127.0.0.1", "4000", "4001"),
        }));
        Assert.That(NetworkNames(), Is.EquivalentTo(new[] { TestDriver.StockNetwork, ManagementNetwork }), "a tunnel creates no network");
    }

    [Test]
    public async Task AlwaysDestroyFalse_LeavesANetworkTheMachineDidNotCreate_WhenItLeavesLast()
    {
        // Given: web created the private network, db (same VNET_HOME) joined it with always_destroy false
        var web = NewMachine("web", configure: c => c.Vm.Network.PrivateNetwork(ip: "10.20.30.10"));
        SeedBoxImage(web);
        await RunAsync(web, LibvirtRecipes.Creation());
        var db = NewMachine("db", configure: c => c.Vm.Network.PrivateNetwork(ip: "10.20.30.11", options: new() { ["libvirt__always_destroy"] = false }), host: web.FakeHost);
        await RunAsync(db, LibvirtRecipes.Creation());
        await RunAsync(web, LibvirtRecipes.Destroy());

        // When
        await RunAsync(db, LibvirtRecipes.Destroy());

        // Then: db removed the management network (always_destroy true there) but not web's private network
        Assert.That(NetworkNames(), Has.Member("vnet-10.20.30.0-24").And.No.Member(ManagementNetwork));
        using var left = Libvirt.TryLookupNetwork("vnet-10.20.30.0-24")!;
        left.Destroy();
        left.Undefine();
    }

    [Test]
    public async Task ManagementNetworkKeep_StillLetsTheMachineThatCreatedItRemoveIt()
    {
        // Given
        var machine = NewMachine(configureProvider: p => p.ManagementNetworkKeep = true);
        SeedBoxImage(machine);
        await RunAsync(machine, LibvirtRecipes.Creation());

        // When
        await RunAsync(machine, LibvirtRecipes.Destroy());

        // Then
        Assert.That(NetworkNames(), Has.No.Member(ManagementNetwork));
    }

    [Test]
    public async Task PrivateNetworkAutostart_MarksTheNetworkItCreatesAutostart()
    {
        // Given
        var machine = NewMachine(configure: c =>
        {
            c.Vm.Network.PrivateNetwork(ip: "10.20.30.10", options: new() { ["libvirt__autostart"] = true });
            c.Vm.Network.PrivateNetwork(ip: "10.20.31.10");
        });
        SeedBoxImage(machine);

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then
        using var asked = Libvirt.TryLookupNetwork("vnet-10.20.30.0-24")!;
        using var other = Libvirt.TryLookupNetwork("vnet-10.20.31.0-24")!;
        Assert.That((asked.GetAutostart(), other.GetAutostart()), Is.EqualTo((true, false)));
    }

    [Test]
    public async Task CreationOptionsOnAnExistingNetwork_AreReportedAsNotApplied()
    {
        // Given: the test driver's stock network "default" exists
        var machine = NewMachine(configure: c => c.Vm.Network.PrivateNetwork(ip: "192.168.122.50", options: new() { ["libvirt__network_name"] = TestDriver.StockNetwork, ["libvirt__mtu"] = 9000, ["libvirt__domain_name"] = "lab.local" }));
        SeedBoxImage(machine);

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then
        Assert.That(machine.RecordingUi.Lines, Has.Some.EqualTo($"warn: Network '{TestDriver.StockNetwork}' exists, so libvirt__domain_name, libvirt__mtu (used when vnet creates a network) are not applied to it."));
        Assert.That(Interfaces(machine).Last().Element("mtu")?.Attribute("size")?.Value, Is.EqualTo("9000"), "the NIC's own MTU still applies");
    }

    [Test]
    public async Task PlanNetworkInterfaces_GivesEachNicItsDeviceOptions_AndTheManagementNicItsSettings()
    {
        // Given
        var machine = NewMachine(
            configure: c =>
            {
                c.Vm.Network.PrivateNetwork(ip: "10.20.30.10", options: new() { ["libvirt__iface_name"] = "lab-t0", ["libvirt__mtu"] = "9000", ["libvirt__driver_queues"] = 4 });
                c.Vm.Network.PrivateNetwork(ip: "10.20.31.10", options: new() { ["libvirt__tunnel_type"] = "client", ["libvirt__tunnel_port"] = 5000 });
            },
            configureProvider: p => { p.NicModelType = "e1000"; p.ManagementNetworkModelType = "virtio"; p.ManagementNetworkMtu = 1400; });

        // When
        var context = await RunAsync(machine, new ActionBuilder().Use<PlanNetworkInterfaces>());

        // Then
        var nics = context.Get(LibvirtKeys.Nics);
        Assert.That(nics.Select(n => n.Device), Is.EqualTo(new[]
        {
            new NicDevice("virtio", Mtu: 1400),
            new NicDevice("e1000", "lab-t0", 9000, new NicDriver(null, 4, Iommu: false)),
            new NicDevice("e1000"),
        }));
        Assert.That(nics[2].Tunnel, Is.EqualTo(new SocketTunnel("client", "127.0.0.1", 5000)));
    }

    [Test]
    public void TestDriver_DropsATargetDevStartingWithVnet_WhichIsWhyIfaceNameRefusesThatPrefix()
    {
        // Given: libvirt keeps vnet* (and macvtap*, macvlan*, vif*) for the names it generates
        var name = TestDriver.UniqueName("ifname");
        var xml = TestDriver.DomainXml(name).Replace("<source network='default'/>", "<source network='default'/><target dev='vnet-t0'/>", StringComparison.Ordinal);

        // When
        using var domain = Libvirt.DefineDomain(xml);

        // Then
        var nic = XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive)).Descendants("interface").Single();
        Assert.That(nic.Element("target")?.Attribute("dev")?.Value, Is.Not.EqualTo("vnet-t0"));
        domain.Undefine();
    }

    private List<XElement> Interfaces(LibvirtTestMachine machine)
    {
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        return [.. XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive)).Descendants("interface")];
    }
}
