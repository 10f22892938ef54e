using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

[TestFixture]
public class LibvirtConfigTests
{
    [Test]
    public void Defaults_FollowVagrantLibvirt()
    {
        var config = new LibvirtConfig();
        config.FinalizeDefaults();

        Assert.Multiple(() =>
        {
            Assert.That(config.Memory, Is.EqualTo(512));
            Assert.That(config.Cpus, Is.EqualTo(1));
            Assert.That(config.DiskBus, Is.EqualTo("virtio"));
            Assert.That(config.NicModelType, Is.EqualTo("virtio"));
            Assert.That(config.StoragePoolName, Is.EqualTo("default"));
            Assert.That(config.ManagementNetworkName, Is.EqualTo("vagrant-libvirt"));
            Assert.That(config.ManagementNetworkAddress, Is.EqualTo("192.168.121.0/24"));
            Assert.That(config.SuspendMode, Is.EqualTo("pause"));
            Assert.That(config.Uri, Is.EqualTo("qemu:///system"));
            Assert.That(config.Driver, Is.Null, "unset driver means: probe KVM, else qemu");
        });
    }

    [Test]
    public void HostWithSsh_BuildsAQemuSshUri()
    {
        var config = new LibvirtConfig { Host = "hv1", ConnectViaSsh = true, Username = "ops", IdSshKeyFile = "/k/id" };
        config.FinalizeDefaults();

        Assert.That(config.Uri, Is.EqualTo("qemu+ssh://ops@hv1/system?keyfile=%2Fk%2Fid"));
    }

    [Test]
    public void LibvirtDefaultUri_IsTheConnection_WhenNoConnectionSettingIsGiven()
    {
        var config = new LibvirtConfig();

        Assert.That(LibvirtUri.For(config, "test:///default"), Is.EqualTo("test:///default"));
    }

    [TestCase(true, null, "qemu:///session")]
    [TestCase(null, "hv1", "qemu+ssh://hv1/system")]
    public void LibvirtDefaultUri_IsIgnored_WhenAConnectionSettingIsGiven(bool? session, string? host, string expected)
    {
        var config = new LibvirtConfig { QemuUseSession = session, Host = host, ConnectViaSsh = host is null ? null : true };

        Assert.That(LibvirtUri.For(config, "test:///default"), Is.EqualTo(expected));
    }

    [Test]
    public void Validate_ReportsEveryBadOption_NamingMachineAndSetting()
    {
        // Given
        var config = new LibvirtConfig { Driver = "xen", Memory = 0, DiskBus = "floppy", SuspendMode = "sleep", ManagementNetworkAddress = "not-a-net" };
        config.FinalizeDefaults();
        var errors = new ValidationErrors("web");

        // When
        config.Validate(errors);

        // Then
        var settings = errors.All.Select(e => e.Setting).ToList();
        Assert.That(settings, Is.SupersetOf(new[] { "libvirt.driver", "libvirt.memory", "libvirt.disk_bus", "libvirt.suspend_mode", "libvirt.management_network_address" }));
        Assert.That(errors.All.All(e => e.Machine == "web"), Is.True);
    }

    [Test]
    public void Validate_RefusesBootRetriesOutOfRange_AndDirectBootPartsWithoutAKernel()
    {
        // Given
        var config = new LibvirtConfig { BootRetries = 11, Initrd = "/srv/initrd.img", CmdLine = "init=/bin/sh" };
        config.FinalizeDefaults();
        var errors = new ValidationErrors("web");

        // When
        config.Validate(errors);

        // Then
        Assert.That(errors.All.Select(e => (e.Setting, e.Message)), Is.EquivalentTo(new[]
        {
            ("libvirt.boot_retries", "must be between 0 and 10, got 11"),
            ("libvirt.initrd", "is used only with direct kernel boot: set libvirt.kernel too"),
            ("libvirt.cmd_line", "is used only with direct kernel boot: set libvirt.kernel too"),
        }));
    }

    [Test]
    public void Validate_RefusesARelativeKernelPath_WhichTheLibvirtHostCouldNotResolve()
    {
        // Given
        var config = new LibvirtConfig();
        config.Set("kernel", "boot/vmlinuz");
        config.Set("cmd_line", "console=ttyS0");
        config.FinalizeDefaults();
        var errors = new ValidationErrors("web");

        // When
        config.Validate(errors);

        // Then
        Assert.That(errors.All.Select(e => (e.Setting, e.Message)), Is.EqualTo(new[] { ("libvirt.kernel", "must be an absolute path on the libvirt host, got 'boot/vmlinuz'") }));
        Assert.That(config.BootRetries, Is.EqualTo(0), "no retries unless asked");
    }

    [Test]
    public void UntypedSettings_ApplyBySnakeCaseName()
    {
        var config = new LibvirtConfig();

        config.Set("nic_model_type", "e1000");
        config.Set("memory", 2048);
        config.Set("driver", "qemu");

        Assert.That((config.NicModelType, config.Memory, config.Driver), Is.EqualTo(("e1000", (int?)2048, "qemu")));
    }

    private static List<string> Errors(LibvirtConfig config, Action<RootConfig>? machine = null)
    {
        var root = new RootConfig();
        machine?.Invoke(root);
        config.FinalizeDefaults();
        var errors = new ValidationErrors("web");
        config.Validate(errors);
        config.ValidateMachine(root, errors);
        return [.. errors.All.Select(e => e.ToString())];
    }

    [TestCase(-1)]
    [TestCase(5900)]
    [TestCase(65535)]
    public void Validate_AcceptsAutoportOrADisplayPort(int port)
    {
        // Given
        var config = new LibvirtConfig { GraphicsPort = port };

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors, Is.Empty);
    }

    [TestCase(-7)]
    [TestCase(0)]
    [TestCase(5899)]
    [TestCase(65536)]
    public void Validate_RefusesAGraphicsPortLibvirtWouldRefuse(int port)
    {
        // Given
        var config = new LibvirtConfig { GraphicsPort = port };

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors, Is.EqualTo(new[] { $"libvirt.graphics_port: must be -1 (let libvirt choose a free port) or between 5900 and 65535, got {port}" }));
    }

    [Test]
    public void Validate_RefusesAnExtraDiskBusNamingTheDiskAndTheKnownBuses()
    {
        // Given
        var config = new LibvirtConfig();
        config.AddDisk(bus: "virtio");
        config.AddDisk(bus: "floppy");

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors, Is.EqualTo(new[] { "libvirt.storage: disk 2: bus 'floppy' is not a disk bus; use one of virtio, scsi, sata, ide, usb" }));
    }

    [TestCase("usb")]
    [TestCase("sata")]
    [TestCase("scsi")]
    [TestCase("ide")]
    public void Validate_AcceptsEachKnownExtraDiskBus(string bus)
    {
        // Given
        var config = new LibvirtConfig();
        config.AddDisk(size: "20G", bus: bus, device: "vdb", cache: "none");

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors, Is.Empty);
    }

    [TestCase("usb")]
    [TestCase("sata")]
    [TestCase("virtio")]
    public void Validate_AcceptsTheSameBusesForTheBootDiskAsForExtraDisks(string bus)
    {
        // Given
        var config = new LibvirtConfig { DiskBus = bus };

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Validate_RefusesABootDiskBusNamingTheKnownBuses()
    {
        // Given
        var config = new LibvirtConfig { DiskBus = "floppy" };

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors, Is.EqualTo(new[] { "libvirt.disk_bus: must be one of virtio, scsi, sata, ide, usb, got 'floppy'" }));
    }

    [Test]
    public void ValidateMachine_RefusesANonNumericTunnelPortNamingTheOptionAndTheValue()
    {
        // Given
        var config = new LibvirtConfig();

        // When
        var errors = Errors(config, m => m.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new()
        {
            ["libvirt__tunnel_type"] = "udp",
            ["libvirt__tunnel_port"] = "lots",
            ["libvirt__tunnel_local_port"] = "4001",
        }));

        // Then
        Assert.That(errors, Is.EqualTo(new[] { "vm.network \"private_network\" (ip 10.0.0.2): libvirt__tunnel_port: 'lots' is not a port: give a whole number between 1 and 65535" }));
    }

    [Test]
    public void ValidateMachine_AcceptsTheOptionsVagrantLibvirtDocuments()
    {
        // Given
        var config = new LibvirtConfig();

        // When
        var errors = Errors(config, m =>
        {
            m.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new()
            {
                ["libvirt__tunnel_type"] = "udp",
                ["libvirt__tunnel_port"] = 4000,
                ["libvirt__tunnel_local_port"] = "4001",
                ["libvirt__tunnel_ip"] = "127.0.0.1",
                ["libvirt__model_type"] = "e1000",
            });
            m.Vm.Network.PrivateNetwork(ip: "10.0.1.2", options: new() { ["libvirt__tunnel_type"] = "server", ["libvirt__tunnel_port"] = "11111" });
            m.Vm.Network.PrivateNetwork(ip: "10.0.2.2", options: new() { ["libvirt__tunnel_type"] = "mcast", ["libvirt__tunnel_port"] = 5558, ["libvirt__tunnel_ip"] = "239.255.1.1" });
            m.Vm.Network.PrivateNetwork(ip: "10.20.5.42", options: new()
            {
                ["libvirt__netmask"] = "255.255.255.0",
                ["libvirt__forward_mode"] = "route",
                ["libvirt__forward_device"] = "eth0",
                ["libvirt__network_name"] = "anything-goes",
                ["libvirt__host_ip"] = "10.20.5.254",
                ["libvirt__dhcp_start"] = "10.20.5.100",
                ["libvirt__dhcp_stop"] = "10.20.5.199",
                ["libvirt__domain_name"] = "test.local",
                ["libvirt__guest_ipv6"] = "yes",
                ["libvirt__ipv6_address"] = "2001:db8:ca2:6::1",
                ["libvirt__ipv6_prefix"] = "64",
                ["libvirt__mtu"] = 9000,
                ["libvirt__iface_name"] = "lab-t0",
                ["libvirt__driver_name"] = "vhost",
                ["libvirt__driver_queues"] = 2,
                ["libvirt__bus"] = "0x00",
                ["libvirt__slot"] = "0x0a",
                ["libvirt__always_destroy"] = false,
                ["libvirt__autostart"] = true,
            });
            m.Vm.Network.PrivateNetwork(autoConfig: false, options: new() { ["libvirt__forward_mode"] = "veryisolated", ["libvirt__network_name"] = "l2" });
            m.Vm.Network.PrivateNetwork(type: "dhcp", options: new() { ["libvirt__network_address"] = "10.30.0.0/24" });
            m.Vm.Network.PublicNetwork(bridge: "br0", options: new() { ["libvirt__type"] = "bridge", ["libvirt__ovs"] = true, ["libvirt__ovs_interfaceid"] = "6ad6a5a6-7d5c-4b09-9e6a-0c3f5fd4f0a1", ["libvirt__mtu"] = "1400" });
        });

        // Then
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void ValidateMachine_RefusesAnUnknownKey_NamingTheNetworkTheKeyAndTheKnownOnes()
    {
        // When
        var errors = Errors(new LibvirtConfig(), m => m.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__frobnicate"] = 1 }));

        // Then
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.StartWith("vm.network \"private_network\" (ip 10.0.0.2): libvirt__frobnicate: is not an option of a private_network. Known options: libvirt__always_destroy, libvirt__autostart,"));
        Assert.That(errors[0], Does.Contain("libvirt__mtu").And.Contain("libvirt__iface_name").And.Contain("libvirt__tunnel_type"));
        Assert.That(errors[0], Does.Not.Contain("Did you mean"));
    }

    [TestCase("libvirt__iface_nam", "libvirt__iface_name")]
    [TestCase("libvirt__mut", "libvirt__mtu")]
    [TestCase("libvirt__dhcp_stat", "libvirt__dhcp_start")]
    public void ValidateMachine_SuggestsTheNearestKnownKey(string typo, string meant)
    {
        // When
        var errors = Errors(new LibvirtConfig(), m => m.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { [typo] = "x" }));

        // Then
        Assert.That(errors.Single(), Does.Contain($"{typo}: is not an option of a private_network. Did you mean {meant}?"));
    }

    [Test]
    public void ValidateMachine_PublicNetwork_KnowsItsOwnKeys_AndNotThePrivateOnes()
    {
        // When
        var errors = Errors(new LibvirtConfig(), m => m.Vm.Network.PublicNetwork(bridge: "eth0", options: new() { ["libvirt__dhcp_start"] = "10.0.0.5", ["libvirt__iface_name"] = "pub0" }));

        // Then
        Assert.That(errors.Single(), Does.StartWith("vm.network \"public_network\" (bridge eth0): libvirt__dhcp_start: is not an option of a public_network."));
        Assert.That(errors.Single(), Does.Contain("libvirt__ovs_interfaceid"));
    }

    [Test]
    public void ValidateMachine_RefusesTheAdapterSlotOption_SayingWhy()
    {
        // When
        var errors = Errors(new LibvirtConfig(), m => m.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__adapter"] = 3 }));

        // Then
        Assert.That(errors.Single(), Does.Contain("libvirt__adapter: is not supported: vnet does not place NICs in chosen slots"));
    }

    [Test]
    public void ValidateMachine_RefusesNetworkOptionsOnATunnel_WhichWouldDoNothing()
    {
        // When
        var errors = Errors(new LibvirtConfig(), m => m.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new()
        {
            ["libvirt__tunnel_type"] = "server",
            ["libvirt__tunnel_port"] = 4000,
            ["libvirt__tunnel_local_port"] = 4001,
            ["libvirt__dhcp_enabled"] = false,
            ["libvirt__mtu"] = 9000,
        }));

        // Then
        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "vm.network \"private_network\" (ip 10.0.0.2): libvirt__dhcp_enabled: has no effect on a tunnel (libvirt__tunnel_type server), which joins no libvirt network and has no host device: remove it",
            "vm.network \"private_network\" (ip 10.0.0.2): libvirt__mtu: has no effect on a tunnel (libvirt__tunnel_type server), which joins no libvirt network and has no host device: remove it",
            "vm.network \"private_network\" (ip 10.0.0.2): libvirt__tunnel_local_port: is used only by a udp tunnel, not by a server one",
        }));
    }

    [Test]
    public void ValidateMachine_RefusesTunnelOptionsWithoutATunnelType_AndAMcastTunnelOnAUnicastAddress()
    {
        // When
        var errors = Errors(new LibvirtConfig(), m =>
        {
            m.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__tunnel_port"] = 4000 });
            m.Vm.Network.PrivateNetwork(ip: "10.0.1.2", options: new() { ["libvirt__tunnel_type"] = "mcast", ["libvirt__tunnel_port"] = 4000, ["libvirt__tunnel_ip"] = "10.1.1.1" });
        });

        // Then
        Assert.That(errors, Is.EqualTo(new[]
        {
            "vm.network \"private_network\" (ip 10.0.0.2): libvirt__tunnel_port: is used only by a tunnel: set libvirt__tunnel_type (udp, server, client or mcast) too",
            "vm.network \"private_network\" (ip 10.0.1.2): libvirt__tunnel_ip: '10.1.1.1' is not a multicast group: an mcast tunnel needs one in 224.0.0.0/4 (default 239.255.1.1)",
        }));
    }

    [TestCase("vnet-t0", "starts with 'vnet', which libvirt keeps for the names it generates")]
    [TestCase("macvtap3", "starts with 'macvtap'")]
    [TestCase("a-name-longer-than-15", "is not a host device name")]
    [TestCase("has space", "is not a host device name")]
    public void ValidateMachine_RefusesAnIfaceNameLibvirtOrLinuxWouldNotKeep(string name, string why)
    {
        // When
        var errors = Errors(new LibvirtConfig { ManagementNetworkIfaceName = name }, m => m.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__iface_name"] = name }));

        // Then
        Assert.That(errors, Has.Count.EqualTo(2));
        Assert.That(errors[0], Does.StartWith($"libvirt.management_network_iface_name: '{name}' {why}"));
        Assert.That(errors[1], Does.StartWith($"vm.network \"private_network\" (ip 10.0.0.2): libvirt__iface_name: '{name}' {why}"));
    }

    [Test]
    public void ValidateMachine_RefusesADhcpRangeOutsideTheSubnetBackwardsOrWithDhcpOff()
    {
        // When
        var errors = Errors(new LibvirtConfig(), m =>
        {
            m.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__dhcp_start"] = "10.0.0.200", ["libvirt__dhcp_stop"] = "10.0.0.100", ["libvirt__host_ip"] = "10.0.9.1" });
            m.Vm.Network.PrivateNetwork(ip: "10.0.1.2", options: new() { ["libvirt__dhcp_enabled"] = false, ["libvirt__dhcp_start"] = "10.0.1.100" });
        });

        // Then
        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "vm.network \"private_network\" (ip 10.0.0.2): libvirt__host_ip: 10.0.9.1 is not a host address of the network 10.0.0.0/24",
            "vm.network \"private_network\" (ip 10.0.0.2): libvirt__dhcp_stop: 10.0.0.100 comes before libvirt__dhcp_start 10.0.0.200: the range would be empty",
            "vm.network \"private_network\" (ip 10.0.1.2): libvirt__dhcp_start: is a DHCP setting, and libvirt__dhcp_enabled is false: remove one of them",
        }));
    }

    [Test]
    public void ValidateMachine_VeryIsolatedNetwork_RefusesHostSideOptions_AndWithoutIpNeedsANameAndNoAutoConfig()
    {
        // When
        var errors = Errors(new LibvirtConfig(), m =>
        {
            m.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__forward_mode"] = "veryisolated", ["libvirt__host_ip"] = "10.0.0.1" });
            m.Vm.Network.PrivateNetwork(options: new() { ["libvirt__forward_mode"] = "veryisolated" });
        });

        // Then
        Assert.That(errors, Is.EqualTo(new[]
        {
            "vm.network \"private_network\" (ip 10.0.0.2): libvirt__host_ip: has no effect on a veryisolated network, which has no address on the host (no DHCP, DNS or forward): remove it",
            "vm.network \"private_network\": libvirt__forward_mode: a veryisolated network without an ip needs libvirt__network_name, the name of the switch its machines share",
            "vm.network \"private_network\": libvirt__forward_mode: a veryisolated network has no DHCP server, so the guest cannot configure it by DHCP: give an ip, or auto_config: false",
        }));
    }

    [TestCase("bridge")]
    [TestCase("passthrough")]
    [TestCase("veth")]
    public void ValidateMachine_RefusesForwardModesOfAHostDevice_PointingAtPublicNetwork(string mode)
    {
        // When
        var errors = Errors(new LibvirtConfig(), m => m.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__forward_mode"] = mode }));

        // Then
        Assert.That(errors.Single(), Is.EqualTo($"vm.network \"private_network\" (ip 10.0.0.2): libvirt__forward_mode: '{mode}' is not a forward mode vnet creates a network with; use one of nat, route, open, none, veryisolated (a network on a host device is a public_network)"));
    }

    [Test]
    public void Validate_ManagementNetworkSettings_NameTheSettingThatIsWrong()
    {
        // Given
        var config = new LibvirtConfig
        {
            ManagementNetworkMode = "veryisolated",
            ManagementNetworkMtu = 20,
            ManagementNetworkGuestIpv6 = "maybe",
            ManagementNetworkPciBus = "0x00",
            ManagementNetworkDomain = "not a domain",
            ManagementNetworkModelType = "e1000 e",
            NicAdapterCount = 0,
        };

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors.Select(e => e.Split(':')[0]), Is.EquivalentTo(new[]
        {
            "libvirt.management_network_mode", "libvirt.management_network_mtu", "libvirt.management_network_guest_ipv6",
            "libvirt.management_network_pci_slot", "libvirt.management_network_domain", "libvirt.management_network_model_type", "libvirt.nic_adapter_count",
        }));
    }

    [Test]
    public void ValidateMachine_RefusesMoreNicsThanNicAdapterCount_CountingTheManagementNic()
    {
        // When
        var errors = Errors(new LibvirtConfig { NicAdapterCount = 2 }, m =>
        {
            m.Vm.Network.PrivateNetwork(ip: "10.0.0.2");
            m.Vm.Network.PrivateNetwork(ip: "10.0.1.2");
        });

        // Then
        Assert.That(errors.Single(), Is.EqualTo("libvirt.nic_adapter_count: the machine has 3 NICs (management included) and nic_adapter_count is 2: raise it or remove networks"));
    }

    [Test]
    public void ValidateMachine_RefusesVirtioDriverOptionsOnANicOfAnotherModel_WhichLibvirtWouldDrop()
    {
        // When
        var errors = Errors(new LibvirtConfig(), m => m.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__model_type"] = "e1000", ["libvirt__driver_queues"] = 2 }));

        // Then
        Assert.That(errors.Single(), Is.EqualTo("vm.network \"private_network\" (ip 10.0.0.2): libvirt__driver_queues: is a virtio driver option, and this NIC's model is e1000: libvirt would drop it (set libvirt__model_type virtio, or remove it)"));
    }

    [Test]
    public void ValidateMachine_RefusesAnMtuOnAMacvtapPublicNetwork_WhichQemuCannotSet()
    {
        // When
        var errors = Errors(new LibvirtConfig(), m =>
        {
            m.Vm.Network.PublicNetwork(bridge: "eth0", options: new() { ["libvirt__mtu"] = 9000 });
            m.Vm.Network.PublicNetwork(bridge: "br0", options: new() { ["type"] = "bridge", ["libvirt__mtu"] = 9000 });
        });

        // Then
        Assert.That(errors.Single(), Is.EqualTo("vm.network \"public_network\" (bridge eth0): libvirt__mtu: QEMU cannot set the MTU of a macvtap (type direct) NIC, the public_network default: use type bridge, or set the MTU in the guest"));
    }

    [Test]
    public void ValidateMachine_LeavesOptionsOfOtherProvidersAlone()
    {
        // Given
        var config = new LibvirtConfig();

        // When
        var errors = Errors(config, m => m.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["virtualbox__tunnel_port"] = "lots" }));

        // Then
        Assert.That(errors, Is.Empty);
    }

    [TestCase("memory", true, "The libvirt provider setting 'memory' cannot take Boolean true: it expects Int32.")]
    [TestCase("cpus", 2.5, "The libvirt provider setting 'cpus' cannot take Double 2.5: it expects Int32.")]
    [TestCase("graphics_port", "5900", "The libvirt provider setting 'graphics_port' cannot take String '5900': it expects Int32.")]
    public void UntypedSettings_RefuseAWronglyTypedValueInsteadOfConvertingIt(string key, object value, string message)
    {
        // Given
        var config = new LibvirtConfig();

        // When
        var error = Assert.Throws<ConfigurationException>(() => config.Set(key, value));

        // Then
        Assert.That(error!.Message, Is.EqualTo(message));
        Assert.That((config.Memory, config.Cpus, config.GraphicsPort), Is.EqualTo(((int?)null, (int?)null, (int?)null)), "nothing is set");
    }

    [Test]
    public void Validate_RefusesTwoDisksOnOneDeviceNamingBoth()
    {
        // Given
        var config = new LibvirtConfig();
        config.AddDisk(device: "vdb");
        config.AddCdrom("/srv/iso/a.iso", device: "vdb");
        config.AddDisk(device: "vda");

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors, Is.EqualTo(new[]
        {
            "libvirt.storage: disk 2: device vda is already the root disk's; give each disk its own device name",
            "libvirt.storage: cdrom 1: device vdb is already disk 1's; give each disk its own device name",
        }));
    }

    [Test]
    public void Validate_RefusesTwoDisksOnOneVolume()
    {
        // Given
        var config = new LibvirtConfig();
        config.AddDisk(path: "data.img");
        config.AddDisk(path: "data.img");

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors, Is.EqualTo(new[] { "libvirt.storage: disk 2: path data.img is another disk's volume too; a volume is attached once" }));
    }

    [TestCase("/var/lib/libvirt/images/data.img")]
    [TestCase("sub/data.img")]
    [TestCase("..")]
    public void Validate_RefusesADiskPathThatIsNoVolumeName(string path)
    {
        // Given
        var config = new LibvirtConfig();
        config.AddDisk(path: path);

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors, Is.EqualTo(new[] { $"libvirt.storage: disk 1: path '{path}' must be a volume name in the storage pool, such as shared.img (no directories)" }));
    }

    [Test]
    public void Validate_RefusesUnknownDiskDriverOptionsAndABadSerial()
    {
        // Given
        var config = new LibvirtConfig();
        config.AddDisk(io: "fast", copyOnRead: "yes", discard: "trim", detectZeroes: "maybe", serial: "a;b", wwn: "12");

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors, Is.EqualTo(new[]
        {
            "libvirt.storage: disk 1: io 'fast' must be one of threads, native, io_uring",
            "libvirt.storage: disk 1: copy_on_read 'yes' must be one of on, off",
            "libvirt.storage: disk 1: discard 'trim' must be one of unmap, ignore",
            "libvirt.storage: disk 1: detect_zeroes 'maybe' must be one of off, on, unmap",
            "libvirt.storage: disk 1: serial 'a;b' may hold only letters, digits, space, '_', '+', '-' and '.'",
            "libvirt.storage: disk 1: wwn '12' must be 16 hexadecimal digits, such as 0x5000c50015ea71ad",
        }));
    }

    [Test]
    public void Validate_AcceptsEveryVagrantLibvirtStorageOption()
    {
        // Given
        var config = new LibvirtConfig();
        config.AddDisk(size: "20G", type: "raw", bus: "scsi", device: "sdb", cache: "none", path: "shared.img", allowExisting: true, shareable: true,
            serial: "disk-1", wwn: "0x5000c50015ea71ad", io: "native", copyOnRead: "off", discard: "unmap", detectZeroes: "unmap");
        config.AddCdrom("/srv/iso/install.iso", bus: "sata", device: "sdc");

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors, Is.Empty);
    }

    [TestCase("install.iso", null, "cdrom 1: path 'install.iso' must be the absolute path of an ISO image on the libvirt host")]
    [TestCase("/srv/install.iso", "virtio", "cdrom 1: bus 'virtio' is not a CD-ROM bus; use one of ide, sata, scsi, usb")]
    public void Validate_RefusesACdromItCannotAttach(string path, string? bus, string expected)
    {
        // Given
        var config = new LibvirtConfig();
        config.AddCdrom(path, bus);

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors, Is.EqualTo(new[] { "libvirt.storage: " + expected }));
    }

    [Test]
    public void Validate_RefusesACdromBootEntryOnAMachineWithoutACdrom()
    {
        // Given
        var config = new LibvirtConfig { BootOrder = ["cdrom", "hd"] };

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors, Is.EqualTo(new[] { "libvirt.boot: \"cdrom\" names no device: this machine has no CD-ROM (add one with AddCdrom(path))" }));
    }

    [Test]
    public void Validate_RefusesANetworkBootEntryOnAMachineWithoutANic()
    {
        // Given
        var config = new LibvirtConfig { BootOrder = ["network"], MgmtAttach = false };

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors, Is.EqualTo(new[] { "libvirt.boot: \"network\" names no device: this machine has no NIC (mgmt_attach is off and it has no network)" }));
    }

    [Test]
    public void Validate_RefusesABootEntryGivenTwice()
    {
        // Given
        var config = new LibvirtConfig { BootOrder = ["hd", "network", "hd"] };

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors, Is.EqualTo(new[] { "libvirt.boot: \"hd\" is given twice: each device boots once, in the order given" }));
    }

    [Test]
    public void Validate_RefusesADeviceTheCloudInitSeedTakes()
    {
        // Given
        var config = new LibvirtConfig();
        config.AddDisk(bus: "scsi", device: "sda");

        // When
        var errors = Errors(config, m => m.Vm.CloudInit.UserData("#cloud-config\n"));

        // Then
        Assert.That(errors, Is.EqualTo(new[] { "libvirt.storage: device sda is the cloud-init seed's (vm.cloud_init): give the disk another device name" }));
    }

    [TestCase("nvram")]
    [TestCase("nvram_template")]
    public void Validate_RefusesAnNvramWithoutALoader(string setting)
    {
        // Given
        var config = new LibvirtConfig();
        config.Set(setting, "/usr/share/OVMF/OVMF_VARS_4M.fd");

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors, Is.EqualTo(new[] { $"libvirt.{setting}: needs a UEFI firmware: set libvirt.loader too (e.g. /usr/share/OVMF/OVMF_CODE_4M.fd)" }));
    }

    [TestCase("loader")]
    [TestCase("nvram")]
    [TestCase("nvram_template")]
    [TestCase("emulator_path")]
    public void Validate_RefusesARelativeFirmwareOrEmulatorPath(string setting)
    {
        // Given
        var config = new LibvirtConfig { Loader = "/usr/share/OVMF/OVMF_CODE_4M.fd" };
        config.Set(setting, "OVMF.fd");

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors, Is.EqualTo(new[] { $"libvirt.{setting}: must be an absolute path on the libvirt host, got 'OVMF.fd'" }));
    }
}
