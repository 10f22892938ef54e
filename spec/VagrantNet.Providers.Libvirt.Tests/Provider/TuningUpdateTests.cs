using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Actions;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Tests.Support;
using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

/// <summary>
/// The CPU, memory, feature, clock and SMBIOS settings at creation and at a later start: defined as asked, unchanged
/// across libvirt's normalisation, and each named and applied when the config changes.
/// </summary>
[Category("LibvirtTestDriver")]
public class TuningUpdateTests : TestDriverSteps
{
    private static void EveryTuningSetting(LibvirtConfig c)
    {
        c.Cpus = 4;
        c.Memory = 1024;
        c.CpuMode = "custom";
        c.CpuModel = "qemu64";
        c.CpuFallback = "forbid";
        c.CpuFeatures = [new CpuFeature("sse4.2", "require"), new CpuFeature("hle", "disable")];
        c.CpuTopology = new CpuTopology(1, 2, 2);
        c.NumaNodes = [new NumaNode("0-1", 512), new NumaNode("2-3", 512, "shared")];
        c.Cpuset = "0-3,^2";
        c.CpuAffinity = [new VcpuPin(0, "0-1"), new VcpuPin(1, "3,1")];
        c.Shares = 2048;
        c.MemoryBacking = [new MemoryBackingOption("nosharepages"), new MemoryBackingOption("locked")];
        c.Memtunes = [new Memtune("hard_limit", 2, "GiB"), new Memtune("soft_limit", 1048576)];
        c.MemballoonPciBus = "0";
        c.MemballoonPciSlot = "0x0f";
        c.Features = ["acpi", "apic", "pae", "pmu"];
        c.KvmHidden = true;
        c.FeaturesHyperv = [new HypervFeature("relaxed", "on"), new HypervFeature("spinlocks", "on", Retries: 8191)];
        c.ClockAdjustment = 3600;
        c.ClockBasis = "localtime";
        c.ClockTimers = [new ClockTimer("rtc", TickPolicy: "catchup"), new ClockTimer("hpet", Present: "no")];
        c.Sysinfo = [new SysinfoEntry("system", "serial", "VNET-42"), new SysinfoEntry("oem_strings", null, "lab=web")];
    }

    [Test]
    public async Task EveryTuningSetting_ReachesTheDefinedDomain_AndAnUnchangedConfigLeavesItAsItIs()
    {
        // Given
        var machine = await CreatedMachineAsync(EveryTuningSetting);
        var before = DefinedXml(machine);

        // When
        await RunAsync(machine, new ActionBuilder().Use<UpdateDomainDefinition>());

        // Then: libvirt kept each setting (in its own forms: KiB, cpusets rewritten) and a start changes nothing
        Assert.That(before.Element("cpu")!.Element("topology")!.Attribute("cores")!.Value, Is.EqualTo("2"));
        Assert.That(before.Element("cpu")!.Element("model")!.Attribute("fallback")!.Value, Is.EqualTo("forbid"));
        Assert.That(before.Element("cpu")!.Elements("feature").Select(f => f.Attribute("name")!.Value), Is.EquivalentTo(new[] { "sse4.2", "hle" }));
        Assert.That(before.Element("cpu")!.Element("numa")!.Elements("cell").Count(), Is.EqualTo(2));
        Assert.That(before.Element("cputune")!.Element("shares")!.Value, Is.EqualTo("2048"));
        Assert.That(before.Element("memtune")!.Element("hard_limit")!.Value, Is.EqualTo("2097152"), "KiB");
        Assert.That(before.Element("memoryBacking")!.Elements().Select(e => e.Name.LocalName), Is.EquivalentTo(new[] { "nosharepages", "locked" }));
        Assert.That(before.Element("features")!.Element("kvm")!.Element("hidden")!.Attribute("state")!.Value, Is.EqualTo("on"));
        Assert.That(before.Element("clock")!.Attribute("offset")!.Value, Is.EqualTo("variable"));
        Assert.That(before.Element("sysinfo")!.Element("system")!.Element("entry")!.Value, Is.EqualTo("VNET-42"));
        Assert.That(before.Element("os")!.Element("smbios")!.Attribute("mode")!.Value, Is.EqualTo("sysinfo"));
        Assert.That(machine.RecordingUi.Lines, Has.None.StartsWith("info: Updating domain definition"), string.Join("\n", machine.RecordingUi.Lines));
        Assert.That(DefinedXml(machine).ToString(), Is.EqualTo(before.ToString()));
    }

    [Test]
    public async Task ChangedTuningSettings_AreEachNamed_AndApplied()
    {
        // Given a machine made with the defaults, then a config with every tuning setting
        var machine = await CreatedMachineAsync(c => c.Cpus = 4);
        EveryTuningSetting(machine.LibvirtConfig);
        machine.LibvirtConfig.Memory = 512;
        machine.LibvirtConfig.NumaNodes = [new NumaNode("0-1", 256), new NumaNode("2-3", 256)];

        // When
        await RunAsync(machine, new ActionBuilder().Use<UpdateDomainDefinition>());

        // Then
        var named = machine.RecordingUi.Lines.Where(l => l.StartsWith("detail:  -- ", StringComparison.Ordinal)).Select(l => l["detail:  -- ".Length..].Split(' ')[0]);
        Assert.That(named, Is.SupersetOf(new[] { "cpu_mode", "cpu_features", "cpu_fallback", "cpu_topology", "numa_nodes", "cpuset", "cputune", "memory_backing", "memtunes", "memballoon", "features", "clock", "sysinfo" }));
        Assert.That(machine.RecordingUi.Lines, Has.Member("detail:  -- cpu_topology (none) -> sockets 1 × cores 2 × threads 2"));
        var xml = DefinedXml(machine);
        Assert.That(xml.Element("cpu")!.Element("topology")!.Attribute("threads")!.Value, Is.EqualTo("2"));
        Assert.That(xml.Element("clock")!.Attribute("adjustment")!.Value, Is.EqualTo("3600"));
        Assert.That(xml.Element("sysinfo"), Is.Not.Null);
        Assert.That(xml.Element("os")!.Element("smbios"), Is.Not.Null);
        Assert.That(xml.Element("devices")!.Element("memballoon")!.Element("address")!.Attribute("slot")!.Value, Is.EqualTo("0x0f"));

        // and a second start finds nothing more to change
        var linesBefore = machine.RecordingUi.Lines.Count;
        await RunAsync(machine, new ActionBuilder().Use<UpdateDomainDefinition>());
        Assert.That(machine.RecordingUi.Lines.Skip(linesBefore), Has.None.StartsWith("info: Updating domain definition"), string.Join("\n", machine.RecordingUi.Lines.Skip(linesBefore)));
    }

    [Test]
    public async Task MemballoonDisabled_IsModelNone_AndTurningItOffLaterIsApplied()
    {
        // Given
        var machine = await CreatedMachineAsync();
        machine.LibvirtConfig.MemballoonEnabled = false;

        // When
        await RunAsync(machine, new ActionBuilder().Use<UpdateDomainDefinition>());

        // Then
        Assert.That(DefinedXml(machine).Element("devices")!.Element("memballoon")!.Attribute("model")!.Value, Is.EqualTo("none"));
        Assert.That(machine.RecordingUi.Lines, Has.Member("detail:  -- memballoon   virtio -> none"));
    }

    [Test]
    public async Task Uuid_IsTheDefinedDomainsUuid_AndAChangedOneIsAWarningNotARedefinition()
    {
        // Given
        const string uuid = "4dea22b3-1d52-d8f3-2516-782e98ab3fa0";
        var machine = await CreatedMachineAsync(c => c.Uuid = uuid.ToUpperInvariant());
        Assert.That(machine.Id, Is.EqualTo(uuid));
        machine.LibvirtConfig.Uuid = "5dea22b3-1d52-d8f3-2516-782e98ab3fa0";

        // When
        await RunAsync(machine, new ActionBuilder().Use<UpdateDomainDefinition>());

        // Then
        Assert.That(DefinedXml(machine).Element("uuid")!.Value, Is.EqualTo(uuid));
        Assert.That(machine.RecordingUi.Lines, Has.Some.StartsWith("warn: libvirt.uuid is 5dea22b3").And.Some.Contains("fixed at creation"));
    }

    [Test]
    public void QemuCommandLine_ChangeIsNamedAndCopied_AndABalloonAddressLibvirtChoseIsNoChange()
    {
        // Given the domain libvirt keeps: the same machine without a command line, its balloon at the address libvirt chose
        var spec = new DomainSpec
        {
            Name = "web",
            DomainType = "qemu",
            MemoryMiB = 512,
            Cpus = 1,
            Disks = [],
            Interfaces = [],
            GraphicsType = "none",
            QemuArgs = ["-smbios", "type=11,value=x"],
            QemuEnv = [new QemuEnvVar("A", "1")],
        };
        var current = DomainXmlBuilder.Build(spec with { QemuArgs = [], QemuEnv = [] });
        current.Element("devices")!.Element("memballoon")!.Add(XElement.Parse("<address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>"));

        // When
        var changes = DomainDefinitionUpdate.Apply(current, DomainXmlBuilder.Build(spec));

        // Then
        Assert.That(changes.Select(c => c.Setting), Is.EqualTo(new[] { "qemu_args" }));
        Assert.That(changes[0].Now, Is.EqualTo("-smbios, type=11,value=x, A=1"));
        XNamespace qemu = "http://libvirt.org/schemas/domain/qemu/1.0";
        var reparsed = XElement.Parse(current.ToString());
        Assert.That(reparsed.Element(qemu + "commandline")!.Elements(qemu + "arg").Select(a => a.Attribute("value")!.Value), Is.EqualTo(new[] { "-smbios", "type=11,value=x" }));
        Assert.That(reparsed.Element("devices")!.Element("memballoon")!.Element("address")!.Attribute("slot")!.Value, Is.EqualTo("0x05"), "the balloon is not redefined");
    }

    private XElement DefinedXml(LibvirtTestMachine machine)
    {
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        return XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive | DomainXmlFlags.Secure));
    }
}
