using VagrantNet.Sdk.Config;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

/// <summary>The refusals of the CPU, memory, feature, clock, SMBIOS, QEMU command-line and disk-driver settings.</summary>
public class TuningConfigTests
{
    private static List<string> Errors(Action<LibvirtConfig> configure)
    {
        var config = new LibvirtConfig();
        configure(config);
        config.FinalizeDefaults();
        var errors = new ValidationErrors("web");
        config.Validate(errors);
        Assert.That(errors.All.All(e => e.Machine == "web"), Is.True);
        return [.. errors.All.Select(e => e.ToString())];
    }

    private static IEnumerable<TestCaseData> Refusals()
    {
        TestCaseData Case(string name, Action<LibvirtConfig> configure, string expected) => new TestCaseData(configure, expected).SetName("Validate_Refuses_" + name);

        yield return Case("ATopologyThatIsNotTheCpuCount", c => { c.Cpus = 4; c.CpuTopology = new CpuTopology(1, 2, 1); }, "libvirt.cpu_topology: sockets 1 × cores 2 × threads 1 makes 2 CPUs, but libvirt.cpus is 4: the two must agree");
        yield return Case("ATopologyWithAZero", c => c.CpuTopology = new CpuTopology(0, 1, 1), "libvirt.cpu_topology: sockets, cores and threads must each be at least 1, got sockets 0 × cores 1 × threads 1");
        yield return Case("ACpuFeatureWithAnUnknownPolicy", c => c.CpuFeatures = [new CpuFeature("vmx", "maybe")], "libvirt.cpu_features: feature 1 (vmx): policy 'maybe' must be one of force, require, optional, disable, forbid");
        yield return Case("ACpuFeatureWithoutAName", c => c.CpuFeatures = [new CpuFeature("", "require")], "libvirt.cpu_features: feature 1: a CPU feature needs a name, such as vmx or avx2");
        yield return Case("AnUnknownCpuFallback", c => c.CpuFallback = "sometimes", "libvirt.cpu_fallback: must be \"allow\" or \"forbid\", got 'sometimes'");
        yield return Case("ACpuFallbackWithHostPassthrough", c => { c.CpuMode = "host-passthrough"; c.CpuFallback = "forbid"; }, "libvirt.cpu_fallback: has no meaning with cpu_mode host-passthrough, which names no CPU model to fall back from");
        yield return Case("ABadCpuset", c => c.Cpuset = "0-x", "libvirt.cpuset: '0-x' is not a set of numbers such as 0-3,^2,6");
        yield return Case("ABadNodeset", c => c.Nodeset = "3-1", "libvirt.nodeset: '3-1' is not a set of numbers such as 0-3,^2,6");
        yield return Case("APinOfAVcpuTheMachineLacks", c => { c.Cpus = 2; c.CpuAffinity = [new VcpuPin(2, "0")]; }, "libvirt.cpu_affinity: entry 1: vCPU 2 does not exist: the machine has vCPUs 0 to 1");
        yield return Case("AVcpuPinnedTwice", c => { c.Cpus = 2; c.CpuAffinity = [new VcpuPin(0, "0"), new VcpuPin(0, "1")]; }, "libvirt.cpu_affinity: entry 2: vCPU 0 is pinned twice");
        yield return Case("AnAffinityThatIsNoCpuset", c => c.CpuAffinity = [new VcpuPin(0, "all")], "libvirt.cpu_affinity: entry 1 (vCPU 0): 'all' is not a set of host CPUs such as 0-3,^2,6");
        yield return Case("NumaCellsThatMissAVcpu", c => { c.Cpus = 4; c.Memory = 1024; c.NumaNodes = [new NumaNode("0-1", 1024)]; }, "libvirt.numa_nodes: the cells cover vCPUs 0 to 1, but libvirt.cpus is 4: together they must cover every vCPU");
        yield return Case("NumaCellsOutOfOrder", c => { c.Cpus = 2; c.Memory = 1024; c.NumaNodes = [new NumaNode("1-1", 512), new NumaNode("0-0", 512)]; }, "libvirt.numa_nodes: cell 0: cpus 1-1 must start at vCPU 0 and not run backwards: the cells cover the vCPUs in order");
        yield return Case("NumaCpusThatAreNoRange", c => c.NumaNodes = [new NumaNode("0", 512)], "libvirt.numa_nodes: cell 0: cpus '0' must be a range such as 0-1");
        yield return Case("NumaCellsThatAreNotTheMemory", c => { c.Cpus = 2; c.Memory = 1024; c.NumaNodes = [new NumaNode("0-1", 512)]; }, "libvirt.numa_nodes: the cells hold 512 MiB, but libvirt.memory is 1024 MiB: libvirt refuses cells that do not add up to the memory");
        yield return Case("AnUnknownMemoryBacking", c => c.MemoryBacking = [new MemoryBackingOption("swap")], "libvirt.memory_backing: entry 1: 'swap' is not a memory backing; use one of hugepages, nosharepages, locked, discard, source, access, allocation");
        yield return Case("AMemoryBackingSourceWithoutAType", c => c.MemoryBacking = [new MemoryBackingOption("source")], "libvirt.memory_backing: entry 1 (source): needs type");
        yield return Case("AMemoryBackingOptionItLacks", c => c.MemoryBacking = [new MemoryBackingOption("access", new Dictionary<string, string> { ["mode"] = "public" })], "libvirt.memory_backing: entry 1 (access): mode 'public' must be one of shared, private");
        yield return Case("AnUnknownMemtune", c => c.Memtunes = [new Memtune("limit", 1)], "libvirt.memtunes: entry 1: type 'limit' must be one of hard_limit, soft_limit, swap_hard_limit, min_guarantee");
        yield return Case("AMemtuneInAnUnknownUnit", c => c.Memtunes = [new Memtune("hard_limit", 1, "pages")], "libvirt.memtunes: entry 1 (hard_limit): unit 'pages' must be one of b, bytes, KB, k, KiB, MB, M, MiB, GB, G, GiB, TB, T, TiB");
        yield return Case("AZeroShare", c => c.Shares = 0, "libvirt.shares: must be a positive weight, got 0");
        yield return Case("AnUnknownMemballoonModel", c => c.MemballoonModel = "none", "libvirt.memballoon_model: must be one of virtio, virtio-transitional, virtio-non-transitional, xen, got 'none' (memballoon_enabled = false removes the balloon)");
        yield return Case("MemballoonOptionsOnADisabledBalloon", c => { c.MemballoonEnabled = false; c.MemballoonPciSlot = "0x0f"; }, "libvirt.memballoon_pci_slot: is set, but memballoon_enabled is false: the machine has no balloon to apply it to");
        yield return Case("AMemballoonSlotPastThePciBus", c => c.MemballoonPciSlot = "32", "libvirt.memballoon_pci_slot: '32' is not a PCI slot: give a number between 0 and 31 (0x-hex or decimal)");
        yield return Case("AnUnknownFeature", c => c.Features = ["acpi", "turbo"], "libvirt.features: 'turbo' is not a libvirt domain feature such as acpi, apic, pae, hap or pmu");
        yield return Case("TheKvmFeatureAsAPlainOne", c => c.Features = ["kvm"], "libvirt.features: 'kvm' is set by kvm_hidden, not as a plain feature");
        yield return Case("SpinlocksWithoutRetries", c => c.FeaturesHyperv = [new HypervFeature("spinlocks", "on")], "libvirt.features_hyperv: feature 1 (spinlocks): needs retries (at least 4095), as vagrant-libvirt requires");
        yield return Case("AnUnknownHypervFeature", c => c.FeaturesHyperv = [new HypervFeature("turbo", "on")], "libvirt.features_hyperv: feature 1: 'turbo' is not a Hyper-V enlightenment such as relaxed, vapic or spinlocks");
        yield return Case("AHypervStateThatIsNotOnOrOff", c => c.FeaturesHyperv = [new HypervFeature("relaxed", "yes")], "libvirt.features_hyperv: feature 1 (relaxed): state 'yes' must be \"on\" or \"off\"");
        yield return Case("AnUnknownClockOffset", c => c.ClockOffset = "variable", "libvirt.clock_offset: must be \"utc\" or \"localtime\", got 'variable' (clock_timezone, clock_adjustment and clock_absolute set the other offsets)");
        yield return Case("AClockBasisWithoutAnAdjustment", c => c.ClockBasis = "localtime", "libvirt.clock_basis: is what clock_adjustment counts from: set clock_adjustment too");
        yield return Case("TwoClockOffsets", c => { c.ClockAbsolute = 0; c.ClockTimezone = "Europe/Paris"; }, "libvirt.clock_timezone: each sets the guest clock's offset: give only one of clock_absolute, clock_timezone");
        yield return Case("ABadTimezone", c => c.ClockTimezone = "Paris time", "libvirt.clock_timezone: 'Paris time' is not a time zone name such as Europe/Paris");
        yield return Case("AnUnknownTimer", c => c.ClockTimers = [new ClockTimer("sundial")], "libvirt.clock_timers: timer 1 (sundial): name must be one of platform, pit, rtc, hpet, tsc, kvmclock, hypervclock, armvtimer");
        yield return Case("ATimerTickPolicyItLacks", c => c.ClockTimers = [new ClockTimer("rtc", TickPolicy: "skip")], "libvirt.clock_timers: timer 1 (rtc): tickpolicy 'skip' must be one of delay, catchup, merge, discard");
        yield return Case("TrackOnATimerOtherThanRtc", c => c.ClockTimers = [new ClockTimer("hpet", Track: "guest")], "libvirt.clock_timers: timer 1 (hpet): track belongs to the rtc and platform timers only");
        yield return Case("AnUnknownSysinfoBlock", c => c.Sysinfo = [new SysinfoEntry("cpu", "vendor", "x")], "libvirt.sysinfo: entry 1: block 'cpu' must be one of bios, system, base_board, chassis, oem_strings");
        yield return Case("ASysinfoEntryItsBlockLacks", c => c.Sysinfo = [new SysinfoEntry("bios", "serial", "x")], "libvirt.sysinfo: entry 1: bios has no entry 'serial'; its entries are vendor, version, date, release");
        yield return Case("ANamedOemString", c => c.Sysinfo = [new SysinfoEntry("oem_strings", "key", "x")], "libvirt.sysinfo: entry 1: oem_strings entries are plain text and take no name; give the name as null");
        yield return Case("AnEmptySysinfoValue", c => c.Sysinfo = [new SysinfoEntry("system", "serial", "")], "libvirt.sysinfo: entry 1 (system.serial): needs a value");
        yield return Case("ASysinfoUuidThatIsNotTheDomains", c => c.Sysinfo = [new SysinfoEntry("system", "uuid", "4dea22b3-1d52-d8f3-2516-782e98ab3fa0")], "libvirt.sysinfo: entry 1 (system.uuid): libvirt requires the domain's own UUID here; set libvirt.uuid to '4dea22b3-1d52-d8f3-2516-782e98ab3fa0' too");
        yield return Case("ABadUuid", c => c.Uuid = "web-1", "libvirt.uuid: 'web-1' is not a UUID such as 4dea22b3-1d52-d8f3-2516-782e98ab3fa0");
        yield return Case("AnEmptyQemuArg", c => c.QemuArgs = ["-smbios", ""], "libvirt.qemu_args: argument 2 is empty");
        yield return Case("AQemuEnvNameThatIsNoVariable", c => c.QemuEnv = [new QemuEnvVar("1X", "y")], "libvirt.qemu_env: variable 1: '1X' is not a variable name (letters, digits and _, not starting with a digit)");
        yield return Case("AnUnknownDiskAddressType", c => c.DiskAddressType = "isa", "libvirt.disk_address_type: must be one of pci, drive, virtio-mmio, ccw, usb, got 'isa'");
        yield return Case("AnUnknownScsiControllerModel", c => c.DiskControllerModel = "megaraid", "libvirt.disk_controller_model: must be one of virtio-scsi, virtio-transitional, virtio-non-transitional, lsilogic, lsisas1068, lsisas1078, buslogic, ibmvscsi, vmpvscsi, ncr53c90, am53c974, dc390, auto, got 'megaraid'");
        yield return Case("DetectZeroesUnmapWithoutDiscardUnmap", c => c.DiskDriverDetectZeroes = "unmap", "libvirt.disk_driver_detect_zeroes: unmap needs disk_driver_discard = \"unmap\" too: libvirt refuses it otherwise");
        yield return Case("AnUnknownCopyOnRead", c => c.DiskDriverCopyOnRead = "yes", "libvirt.disk_driver_copy_on_read: must be one of on, off, got 'yes'");
    }

    [TestCaseSource(nameof(Refusals))]
    public void Validate_Refuses(Action<LibvirtConfig> configure, string expected) =>
        Assert.That(Errors(configure), Has.Member(expected));

    [Test]
    public void Validate_AcceptsEveryTuningSettingGivenRight()
    {
        // When
        var errors = Errors(c =>
        {
            c.Cpus = 4;
            c.Memory = 1024;
            c.CpuTopology = new CpuTopology(2, 2, 1);
            c.CpuFeatures = [new CpuFeature("avx2", "require")];
            c.CpuFallback = "forbid";
            c.Cpuset = "0-7,^3";
            c.CpuAffinity = [new VcpuPin(3, "1")];
            c.NumaNodes = [new NumaNode("0-1", 512), new NumaNode("2-3", 512, "private")];
            c.Nodeset = "0";
            c.MemoryBacking = [new MemoryBackingOption("hugepages"), new MemoryBackingOption("allocation", new Dictionary<string, string> { ["mode"] = "immediate", ["threads"] = "2" })];
            c.Memtunes = [new Memtune("hard_limit", 1, "GiB")];
            c.Shares = 1024;
            c.MemballoonPciBus = "0x00";
            c.Features = ["acpi", "apic", "pae", "hap"];
            c.FeaturesHyperv = [new HypervFeature("spinlocks", "on", Retries: 8191), new HypervFeature("vendor_id", "on", Value: "vnet")];
            c.KvmHidden = true;
            c.ClockAdjustment = -60;
            c.ClockBasis = "localtime";
            c.ClockTimers = [new ClockTimer("rtc", Track: "guest", TickPolicy: "catchup")];
            c.Uuid = "4dea22b3-1d52-d8f3-2516-782e98ab3fa0";
            c.Sysinfo = [new SysinfoEntry("system", "uuid", "4DEA22B3-1D52-D8F3-2516-782E98AB3FA0"), new SysinfoEntry("base board", "asset", "a1"), new SysinfoEntry("oem_strings", null, "x")];
            c.QemuArgs = ["-smbios", "type=11,value=x"];
            c.QemuEnv = [new QemuEnvVar("QEMU_AUDIO_DRV", "none")];
            c.DiskAddressType = "pci";
            c.DiskControllerModel = "lsilogic";
            c.DiskDriverDiscard = "unmap";
            c.DiskDriverDetectZeroes = "unmap";
            c.DiskDriverCopyOnRead = "on";
        });

        // Then
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void UntypedKeys_SetTheTypedSettings_ByVagrantLibvirtsNames()
    {
        // Given
        var config = new LibvirtConfig();
        var p = new ProviderSettings("libvirt", config);

        // When
        p["cpu_topology"] = new CpuTopology(1, 2, 1);
        p["memballoon_enabled"] = false;
        p["qemu_args"] = new[] { "-smbios", "type=11,value=x" };
        p["clock_offset"] = "localtime";
        p["disk_controller_model"] = "lsilogic";

        // Then
        Assert.That(config.CpuTopology, Is.EqualTo(new CpuTopology(1, 2, 1)));
        Assert.That((config.MemballoonEnabled, config.ClockOffset, config.DiskControllerModel), Is.EqualTo(((bool?)false, "localtime", "lsilogic")));
        Assert.That(config.QemuArgs, Is.EqualTo(new[] { "-smbios", "type=11,value=x" }));
    }
}
