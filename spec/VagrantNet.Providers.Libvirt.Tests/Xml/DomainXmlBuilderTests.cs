using VagrantNet.Providers.Libvirt.Xml;

namespace VagrantNet.Providers.Libvirt.Tests.Xml;

[TestFixture]
public class DomainXmlBuilderTests
{
    private static DomainSpec Spec(string type = "qemu") => new()
    {
        Name = "lab_web",
        DomainType = type,
        MemoryMiB = 1024,
        Cpus = 2,
        Disks = [new DiskSpec("/var/lib/libvirt/images/lab_web.img", "qcow2", "vda", "virtio", "default") { BootAs = "hd" }],
        Interfaces =
        [
            new InterfaceSpec("52:54:00:aa:bb:01", "virtio") { Network = "vagrant-libvirt" },
            new InterfaceSpec("52:54:00:aa:bb:02", "virtio") { Network = "vnet-10.20.30.0-24" },
        ],
        GraphicsType = "vnc",
        SerialLogFile = "/var/log/libvirt/qemu/lab_web-serial.log",
    };

    [Test]
    public void TcgDomain_MatchesGoldenFile()
    {
        // Given
        var expected = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Golden", "domain-qemu.xml"));

        // When
        var xml = DomainXmlBuilder.Build(Spec());

        // Then
        Assert.That(CanonicalXml.Of(xml), Is.EqualTo(CanonicalXml.Of(expected)));
    }

    [Test]
    public void KvmDomain_UsesHostModelCpu_AndTcgDomainHasNoCpuElement()
    {
        // When
        var kvm = DomainXmlBuilder.Build(Spec("kvm"));
        var qemu = DomainXmlBuilder.Build(Spec("qemu"));

        // Then
        Assert.That(kvm.Element("cpu")?.Attribute("mode")?.Value, Is.EqualTo("host-model"));
        Assert.That(qemu.Element("cpu"), Is.Null);
    }

    [Test]
    public void CloudInitSeed_IsAReadOnlyCdOnVirtioScsi_LeftOutOfSnapshots()
    {
        // Given
        var spec = Spec() with
        {
            Disks = [.. Spec().Disks, new DiskSpec("/var/lib/libvirt/images/lab_web-cidata.iso", "raw", "sda", "scsi", "default", CdRom: true)],
        };

        // When
        var xml = DomainXmlBuilder.Build(spec);

        // Then
        var cd = xml.Descendants("disk").Single(d => d.Attribute("device")?.Value == "cdrom");
        Assert.That(cd.Attribute("snapshot")?.Value, Is.EqualTo("no"));
        Assert.That(cd.Element("readonly"), Is.Not.Null);
        Assert.That(cd.Element("source")?.Attribute("file")?.Value, Does.EndWith("-cidata.iso"));
        Assert.That(cd.Element("target")?.Attribute("bus")?.Value, Is.EqualTo("scsi"));
        Assert.That(xml.Descendants("controller").Where(c => c.Attribute("type")?.Value == "scsi").Select(c => c.Attribute("model")?.Value), Is.EqualTo(new[] { "virtio-scsi" }));
        Assert.That(DomainXmlBuilder.Build(Spec()).Descendants("controller").Where(c => c.Attribute("type")?.Value == "scsi"), Is.Empty, "no SCSI controller without a SCSI disk");
    }

    [TestCase("direct", "<interface type=\"direct\" trustGuestRxFilters=\"yes\"><mac address=\"52:54:00:aa:bb:03\" /><source dev=\"eth0\" mode=\"vepa\" /><model type=\"virtio\" /></interface>")]
    [TestCase("bridge", "<interface type=\"bridge\"><mac address=\"52:54:00:aa:bb:03\" /><source bridge=\"br0\" /><virtualport type=\"openvswitch\" /><model type=\"virtio\" /></interface>")]
    [TestCase("network", "<interface type=\"network\"><mac address=\"52:54:00:aa:bb:03\" /><source network=\"lan\" portgroup=\"web\" /><model type=\"virtio\" /></interface>")]
    public void PublicNetworkNic_AttachesToTheHostAsAsked(string type, string expected)
    {
        // Given
        var host = type switch
        {
            "direct" => new HostAttachment("direct", "eth0", Mode: "vepa", TrustGuestRxFilters: true),
            "bridge" => new HostAttachment("bridge", "br0", OpenVSwitch: true),
            _ => new HostAttachment("network", "lan", Portgroup: "web"),
        };
        var spec = Spec() with { Interfaces = [.. Spec().Interfaces, new InterfaceSpec("52:54:00:aa:bb:03", "virtio") { Host = host }] };

        // When
        var nic = DomainXmlBuilder.Build(spec).Descendants("interface").Last();

        // Then
        Assert.That(nic.ToString(System.Xml.Linq.SaveOptions.DisableFormatting), Is.EqualTo(expected));
    }

    [Test]
    public void GraphicsNone_LeavesOutGraphicsAndVideo()
    {
        // When
        var xml = DomainXmlBuilder.Build(Spec() with { GraphicsType = "none" });

        // Then
        Assert.That(xml.Descendants("graphics"), Is.Empty);
        Assert.That(xml.Descendants("video"), Is.Empty);
    }

    [Test]
    public void UdpTunnel_BecomesAUdpInterfaceWithLocalAndRemoteEnds()
    {
        // Given
        var spec = Spec() with
        {
            Interfaces = [new InterfaceSpec("52:54:00:aa:bb:03", "virtio") { Tunnel = new SocketTunnel("udp", "127.0.0.1", 11002, "127.0.0.1", 11001) }],
        };

        // When
        var nic = DomainXmlBuilder.Build(spec).Descendants("interface").Single();

        // Then
        Assert.That(nic.Attribute("type")?.Value, Is.EqualTo("udp"));
        Assert.That(nic.Element("source")?.Attribute("port")?.Value, Is.EqualTo("11002"));
        Assert.That(nic.Element("source")?.Element("local")?.Attribute("port")?.Value, Is.EqualTo("11001"));
    }

    [TestCase("server", "<interface type=\"server\"><mac address=\"52:54:00:aa:bb:03\" /><source address=\"127.0.0.1\" port=\"11111\" /><model type=\"virtio\" /></interface>")]
    [TestCase("client", "<interface type=\"client\"><mac address=\"52:54:00:aa:bb:03\" /><source address=\"127.0.0.1\" port=\"11111\" /><model type=\"virtio\" /></interface>")]
    [TestCase("mcast", "<interface type=\"mcast\"><mac address=\"52:54:00:aa:bb:03\" /><source address=\"239.255.1.1\" port=\"11111\" /><model type=\"virtio\" /></interface>")]
    public void TcpAndMulticastTunnels_BecomeSocketInterfacesWithOneEnd(string type, string expected)
    {
        // Given
        var address = type == "mcast" ? "239.255.1.1" : "127.0.0.1";
        var spec = Spec() with { Interfaces = [new InterfaceSpec("52:54:00:aa:bb:03", "virtio") { Tunnel = new SocketTunnel(type, address, 11111) }] };

        // When
        var nic = DomainXmlBuilder.Build(spec).Descendants("interface").Single();

        // Then
        Assert.That(CanonicalXml.Of(nic), Is.EqualTo(CanonicalXml.Of(expected)));
    }

    [Test]
    public void NicDeviceOptions_WriteTargetMtuDriverAndPciAddress()
    {
        // Given
        var spec = Spec() with
        {
            Interfaces =
            [
                new InterfaceSpec("52:54:00:aa:bb:03", "e1000")
                {
                    Network = "lab",
                    TargetDev = "lab-t0",
                    Mtu = 9000,
                    Driver = new NicDriver("vhost", 2, Iommu: true),
                    Address = new PciAddress("0x00", "0x0a"),
                },
            ],
        };

        // When
        var nic = DomainXmlBuilder.Build(spec).Descendants("interface").Single();

        // Then
        Assert.That(CanonicalXml.Of(nic), Is.EqualTo(CanonicalXml.Of("""
            <interface type="network">
              <mac address="52:54:00:aa:bb:03" />
              <source network="lab" />
              <model type="e1000" />
              <target dev="lab-t0" />
              <mtu size="9000" />
              <driver name="vhost" queues="2" iommu="on" />
              <address type="pci" bus="0x00" slot="0x0a" />
            </interface>
            """)));
    }

    [Test]
    public void DirectKernelBoot_PutsKernelInitrdCmdlineAndDtbInOs_AndNoBootDevice()
    {
        // When
        var xml = DomainXmlBuilder.Build(Spec() with { DirectBoot = new DirectKernelBoot("/srv/vmlinuz", "/srv/initrd.img", "console=ttyS0 init=/bin/sh", "/srv/board.dtb") });

        // Then
        var os = xml.Element("os")!;
        Assert.That(os.Element("kernel")?.Value, Is.EqualTo("/srv/vmlinuz"));
        Assert.That(os.Element("initrd")?.Value, Is.EqualTo("/srv/initrd.img"));
        Assert.That(os.Element("cmdline")?.Value, Is.EqualTo("console=ttyS0 init=/bin/sh"));
        Assert.That(os.Element("dtb")?.Value, Is.EqualTo("/srv/board.dtb"));
        Assert.That(os.Element("boot"), Is.Null, "the kernel is the boot device");
    }

    [Test]
    public void PanicDevice_IsAnIsaPvpanic_AndAbsentUnlessAsked()
    {
        // When
        var with = DomainXmlBuilder.Build(Spec() with { PanicDevice = true });
        var without = DomainXmlBuilder.Build(Spec());

        // Then
        Assert.That(with.Element("devices")!.Elements("panic").Select(p => p.Attribute("model")?.Value), Is.EqualTo(new[] { "isa" }));
        Assert.That(with.Element("on_crash")?.Value, Is.EqualTo("destroy"), "libvirt then reports the domain shut off, crashed");
        Assert.That(without.Element("devices")!.Elements("panic"), Is.Empty);
    }

    [Test]
    public void BootOrder_NumbersTheRootDiskAndEveryNicInTheOrderGiven()
    {
        // When
        var xml = DomainXmlBuilder.Build(Spec() with { BootOrder = ["network", "hd"] });

        // Then: vagrant-libvirt's rule, "network" is each NIC in turn, then the disk; the boot menu is on
        Assert.That(xml.Element("os")?.Elements("boot"), Is.Empty);
        Assert.That(xml.Element("os")?.Element("bootmenu")?.Attribute("enable")?.Value, Is.EqualTo("yes"));
        Assert.That(xml.Descendants("interface").Select(i => i.Element("boot")?.Attribute("order")?.Value), Is.EqualTo(new[] { "1", "2" }));
        Assert.That(xml.Descendants("disk").Single().Element("boot")?.Attribute("order")?.Value, Is.EqualTo("3"));
    }

    [Test]
    public void BootOrder_CdromFirst_NumbersEachCdromBeforeTheRootDisk_AndLeavesOutWhatItDoesNotName()
    {
        // Given: two CD-ROMs, an extra disk and the cloud-init seed, which no entry boots
        var spec = Spec() with
        {
            BootOrder = ["cdrom", "hd"],
            Disks =
            [
                .. Spec().Disks.Select(d => d with { BootAs = "hd" }),
                new DiskSpec("/var/lib/libvirt/images/lab_web-vdb.qcow2", "qcow2", "vdb", "virtio", "default"),
                new DiskSpec("/srv/iso/install.iso", "raw", "hda", "ide", "default", CdRom: true) { BootAs = "cdrom" },
                new DiskSpec("/srv/iso/drivers.iso", "raw", "hdb", "ide", "default", CdRom: true) { BootAs = "cdrom" },
                new DiskSpec("/var/lib/libvirt/images/lab_web-cidata.iso", "raw", "sda", "scsi", "default", CdRom: true),
            ],
        };

        // When
        var xml = DomainXmlBuilder.Build(spec);

        // Then
        var orders = xml.Descendants("disk").Select(d => (d.Element("target")?.Attribute("dev")?.Value, d.Element("boot")?.Attribute("order")?.Value));
        Assert.That(orders, Is.EqualTo(new (string?, string?)[] { ("vda", "3"), ("vdb", null), ("hda", "1"), ("hdb", "2"), ("sda", null) }));
        Assert.That(xml.Descendants("interface").Select(i => i.Element("boot")), Is.All.Null);
    }

    [Test]
    public void ExtraDisk_CarriesItsDriverOptions_Shareable_SerialAndWwn()
    {
        // Given
        var extra = new DiskSpec("/pool/shared.img", "raw", "sdb", "scsi", "none", Io: "native", Discard: "unmap")
        {
            Shareable = true,
            Serial = "data-1",
            Wwn = "0x5000c50015ea71ad",
            CopyOnRead = "on",
            DetectZeroes = "unmap",
        };

        // When
        var xml = DomainXmlBuilder.Build(Spec() with { Disks = [.. Spec().Disks, extra] });

        // Then
        var expected = """
            <disk type='file' device='disk'>
              <driver name='qemu' type='raw' cache='none' io='native' discard='unmap' copy_on_read='on' detect_zeroes='unmap'/>
              <source file='/pool/shared.img'/>
              <target dev='sdb' bus='scsi'/>
              <shareable/>
              <serial>data-1</serial>
              <wwn>0x5000c50015ea71ad</wwn>
            </disk>
            """;
        Assert.That(CanonicalXml.Of(xml.Descendants("disk").Last()), Is.EqualTo(CanonicalXml.Of(expected)));
        Assert.That(xml.Descendants("controller").Single().Attribute("model")?.Value, Is.EqualTo("virtio-scsi"), "a scsi disk brings its controller");
    }

    [Test]
    public void Cdrom_IsReadOnlyRawOnItsBus_LeftOutOfSnapshots()
    {
        // When
        var xml = DomainXmlBuilder.Build(Spec() with { Disks = [.. Spec().Disks, new DiskSpec("/srv/iso/install.iso", "raw", "hda", "ide", "default", CdRom: true)] });

        // Then
        var expected = """
            <disk type='file' device='cdrom' snapshot='no'>
              <driver name='qemu' type='raw' cache='default'/>
              <source file='/srv/iso/install.iso'/>
              <target dev='hda' bus='ide'/>
              <readonly/>
            </disk>
            """;
        Assert.That(CanonicalXml.Of(xml.Descendants("disk").Last()), Is.EqualTo(CanonicalXml.Of(expected)));
    }

    [Test]
    public void Firmware_WithAnNvramTemplate_IsReadOnlyPflash_WithAVariableStoreLibvirtNames()
    {
        // When
        var xml = DomainXmlBuilder.Build(Spec() with { Firmware = new Firmware("/usr/share/OVMF/OVMF_CODE_4M.fd", null, "/usr/share/OVMF/OVMF_VARS_4M.fd") });

        // Then
        var os = xml.Element("os")!;
        Assert.That(CanonicalXml.Of(os.Element("loader")!), Is.EqualTo(CanonicalXml.Of("<loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>")));
        Assert.That(CanonicalXml.Of(os.Element("nvram")!), Is.EqualTo(CanonicalXml.Of("<nvram template='/usr/share/OVMF/OVMF_VARS_4M.fd'/>")));
    }

    [Test]
    public void Firmware_WithAnNvramPath_NamesThatFile_AndWithoutOneIsARom()
    {
        // When
        var withPath = DomainXmlBuilder.Build(Spec() with { Firmware = new Firmware("/fw/CODE.fd", "/srv/nvram/web_VARS.fd", null) });
        var rom = DomainXmlBuilder.Build(Spec() with { Firmware = new Firmware("/fw/bios.bin", null, null) });

        // Then
        Assert.That(withPath.Element("os")?.Element("loader")?.Attribute("type")?.Value, Is.EqualTo("pflash"));
        Assert.That(withPath.Element("os")?.Element("nvram")?.Value, Is.EqualTo("/srv/nvram/web_VARS.fd"));
        Assert.That(rom.Element("os")?.Element("loader")?.Attribute("type")?.Value, Is.EqualTo("rom"), "vagrant-libvirt's rule: a loader without nvram is a ROM");
        Assert.That(rom.Element("os")?.Element("nvram"), Is.Null);
    }

    [Test]
    public void EmulatorPath_IsTheFirstDevice()
    {
        // When
        var xml = DomainXmlBuilder.Build(Spec() with { EmulatorPath = "/usr/bin/qemu-system-x86_64" });

        // Then
        var first = xml.Element("devices")!.Elements().First();
        Assert.That((first.Name.LocalName, first.Value), Is.EqualTo(("emulator", "/usr/bin/qemu-system-x86_64")));
        Assert.That(DomainXmlBuilder.Build(Spec()).Descendants("emulator"), Is.Empty);
    }
}
