namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>The CPU, memory, feature, clock, SMBIOS and QEMU command-line part of the domain (vagrant-libvirt's names).</summary>
public sealed partial record DomainSpec
{
    public CpuTopology? CpuTopology { get; init; }

    public IReadOnlyList<CpuFeature> CpuFeatures { get; init; } = [];

    /// <summary><c>allow</c> or <c>forbid</c>; null writes allow on a custom model and nothing on host-model.</summary>
    public string? CpuFallback { get; init; }

    public string? Cpuset { get; init; }

    public IReadOnlyList<VcpuPin> CpuAffinity { get; init; } = [];

    public int? Shares { get; init; }

    public string? Nodeset { get; init; }

    public IReadOnlyList<NumaNode> NumaNodes { get; init; } = [];

    public IReadOnlyList<MemoryBackingOption> MemoryBacking { get; init; } = [];

    public IReadOnlyList<Memtune> Memtunes { get; init; } = [];

    /// <summary>The balloon device, or null for none (<c>&lt;memballoon model='none'/&gt;</c>).</summary>
    public Memballoon? Memballoon { get; init; } = new("virtio", null);

    public IReadOnlyList<string> Features { get; init; } = ["acpi", "apic", "pae"];

    public IReadOnlyList<HypervFeature> HypervFeatures { get; init; } = [];

    public bool KvmHidden { get; init; }

    public ClockSpec Clock { get; init; } = new("utc");

    public IReadOnlyList<SysinfoEntry> Sysinfo { get; init; } = [];

    public IReadOnlyList<string> QemuArgs { get; init; } = [];

    public IReadOnlyList<QemuEnvVar> QemuEnv { get; init; } = [];

    /// <summary>The model of the SCSI controller made when a disk is on the scsi bus.</summary>
    public string DiskControllerModel { get; init; } = "virtio-scsi";
}

/// <summary>The disk's <c>&lt;address type&gt;</c>, the rest of the address left to libvirt; null writes none.</summary>
public sealed partial record DiskSpec
{
    public string? AddressType { get; init; }
}

/// <summary>A memory balloon of <see cref="Model"/>, at <see cref="Address"/> on the PCI bus or where libvirt puts it.</summary>
public sealed record Memballoon(string Model, PciAddress? Address);

/// <summary>
/// The guest clock: <see cref="Offset"/> utc, localtime, timezone (<see cref="Timezone"/>), variable
/// (<see cref="Basis"/> + <see cref="Adjustment"/> seconds) or absolute (<see cref="Start"/>), and its timers.
/// </summary>
public sealed record ClockSpec(string Offset, string? Timezone = null, string? Basis = null, long? Adjustment = null, long? Start = null)
{
    public IReadOnlyList<ClockTimer> Timers { get; init; } = [];
}
