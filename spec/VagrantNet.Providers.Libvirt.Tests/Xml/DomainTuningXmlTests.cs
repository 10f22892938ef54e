using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Tests.Interop;
using VagrantNet.Providers.Libvirt.Xml;

namespace VagrantNet.Providers.Libvirt.Tests.Xml;

/// <summary>
/// The CPU, memory, feature, clock, SMBIOS, QEMU command-line and disk-driver groups of the domain XML: each matches
/// its golden file, and libvirt's test driver defines the whole domain with schema validation on.
/// </summary>
[TestFixture]
public class DomainTuningXmlTests
{
    private static readonly XNamespace Qemu = "http://libvirt.org/schemas/domain/qemu/1.0";

    private static DomainSpec Base(string type = "qemu") => new()
    {
        Name = TestDriver.UniqueName("tune"),
        DomainType = type,
        MemoryMiB = 1024,
        Cpus = 4,
        Disks = [new DiskSpec("/var/lib/libvirt/images/lab_web.img", "qcow2", "vda", "virtio", "default") { BootAs = "hd" }],
        Interfaces = [new InterfaceSpec("52:54:00:aa:bb:01", "virtio") { Network = TestDriver.StockNetwork }],
    };

    internal static DomainSpec CpuSpec() => Base("kvm") with
    {
        CpuMode = "custom",
        CpuModel = "Haswell",
        CpuFallback = "forbid",
        Nested = true,
        CpuFeatures = [new CpuFeature("vmx", "require"), new CpuFeature("hle", "disable")],
        CpuTopology = new CpuTopology(1, 2, 2),
        NumaNodes = [new NumaNode("0-1", 512), new NumaNode("2-3", 512, "shared")],
        Cpuset = "0-3,^2",
        CpuAffinity = [new VcpuPin(0, "0-1"), new VcpuPin(1, "2")],
        Shares = 2048,
        Nodeset = "0",
    };

    internal static DomainSpec MemorySpec() => Base() with
    {
        MemoryBacking = [new MemoryBackingOption("hugepages"), new MemoryBackingOption("source", new Dictionary<string, string> { ["type"] = "memfd" }), new MemoryBackingOption("access", new Dictionary<string, string> { ["mode"] = "shared" })],
        Memtunes = [new Memtune("hard_limit", 2097152), new Memtune("soft_limit", 1, "GiB")],
        Memballoon = new Memballoon("virtio", new PciAddress("0x00", "0x0f")),
    };

    internal static DomainSpec FeaturesSpec() => Base("kvm") with
    {
        Features = ["acpi", "apic", "pae", "pmu"],
        KvmHidden = true,
        HypervFeatures = [new HypervFeature("relaxed", "on"), new HypervFeature("spinlocks", "on", Retries: 8191), new HypervFeature("vendor_id", "on", Value: "vnetvendor")],
    };

    internal static DomainSpec ClockSpec() => Base() with
    {
        Clock = new ClockSpec("variable", Basis: "localtime", Adjustment: 3600)
        {
            Timers = [new ClockTimer("rtc", Track: "guest", TickPolicy: "catchup"), new ClockTimer("hpet", Present: "no"), new ClockTimer("tsc", Frequency: 2000000000, Mode: "native")],
        },
    };

    internal static DomainSpec SysinfoSpec() => Base() with
    {
        Sysinfo =
        [
            new SysinfoEntry("bios", "vendor", "vnet"),
            new SysinfoEntry("system", "serial", "VNET-42"),
            new SysinfoEntry("system", "manufacturer", "vnet"),
            new SysinfoEntry("base_board", "asset", "A-1"),
            new SysinfoEntry("chassis", "serial", "C-1"),
            new SysinfoEntry("oem_strings", null, "lab=web"),
        ],
        QemuArgs = ["-smbios", "type=11,value=from-qemu-args"],
        QemuEnv = [new QemuEnvVar("QEMU_AUDIO_DRV", "none")],
    };

    internal static DomainSpec DiskSpec() => Base() with
    {
        Disks = [Base().Disks[0] with { DetectZeroes = "on", CopyOnRead = "on", AddressType = "pci" }, new DiskSpec("/var/lib/libvirt/images/lab_web-sda.qcow2", "qcow2", "sda", "scsi", "default") { AddressType = "drive" }],
        DiskControllerModel = "lsilogic",
    };

    private static IEnumerable<TestCaseData> Groups()
    {
        yield return new TestCaseData("cpu", CpuSpec(), new[] { "vcpu", "cpu", "cputune", "numatune" }).SetName("CpuGroup_MatchesGoldenFile_AndLibvirtDefinesIt");
        yield return new TestCaseData("memory", MemorySpec(), new[] { "memoryBacking", "memtune", "devices/memballoon" }).SetName("MemoryGroup_MatchesGoldenFile_AndLibvirtDefinesIt");
        yield return new TestCaseData("features", FeaturesSpec(), new[] { "features" }).SetName("FeaturesGroup_MatchesGoldenFile_AndLibvirtDefinesIt");
        yield return new TestCaseData("clock", ClockSpec(), new[] { "clock" }).SetName("ClockGroup_MatchesGoldenFile_AndLibvirtDefinesIt");
        yield return new TestCaseData("sysinfo", SysinfoSpec(), new[] { "sysinfo", "os/smbios", "qemu:commandline" }).SetName("SysinfoAndQemuCommandLineGroup_MatchesGoldenFile_AndLibvirtDefinesIt");
        yield return new TestCaseData("disk", DiskSpec(), new[] { "devices/disk", "devices/controller" }).SetName("DiskDriverGroup_MatchesGoldenFile_AndLibvirtDefinesIt");
    }

    [TestCaseSource(nameof(Groups))]
    public void Group_MatchesGoldenFile_AndLibvirtDefinesIt(string group, DomainSpec spec, string[] paths)
    {
        // Given
        var golden = Path.Combine(TestContext.CurrentContext.TestDirectory, "Golden", $"tuning-{group}.xml");

        // When
        var xml = DomainXmlBuilder.Build(spec);
        var fragment = new XElement("group", new XAttribute(XNamespace.Xmlns + "qemu", Qemu.NamespaceName), paths.SelectMany(path => Select(xml, path)).Select(e => new XElement(e)));

        // Then: the group's elements are the golden file's, and libvirt validates and keeps the whole domain
        if (Environment.GetEnvironmentVariable("VNET_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "Golden", $"tuning-{group}.xml"), fragment.ToString() + "\n");
        }

        Assert.That(CanonicalXml.Of(fragment), Is.EqualTo(CanonicalXml.Of(File.ReadAllText(golden))));
        Assert.That(() => DefineOnTestDriver(xml), Throws.Nothing);
    }

    /// <summary>Defines the domain with libvirt's schema validation, and returns the XML libvirt keeps.</summary>
    internal static XElement DefineOnTestDriver(XElement xml)
    {
        using var libvirt = LibvirtConnection.Open(TestDriver.Uri);
        using var domain = libvirt.DefineDomain(xml.ToString(), DomainDefineFlags.Validate);
        try
        {
            return XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive));
        }
        finally
        {
            domain.Undefine();
        }
    }

    private static IEnumerable<XElement> Select(XElement domain, string path)
    {
        IEnumerable<XElement> current = [domain];
        foreach (var step in path.Split('/'))
        {
            XName name = step.StartsWith("qemu:", StringComparison.Ordinal) ? Qemu + step[5..] : step;
            current = current.SelectMany(e => e.Elements(name));
        }

        return current;
    }
}
