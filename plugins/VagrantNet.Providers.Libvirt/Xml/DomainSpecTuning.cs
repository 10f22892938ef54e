namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>Fills the CPU, memory, feature, clock, SMBIOS and QEMU command-line part of a <see cref="DomainSpec"/> from the config.</summary>
internal static class DomainSpecTuning
{
    public static DomainSpec WithTuning(this DomainSpec spec, LibvirtConfig config) => spec with
    {
        CpuTopology = config.CpuTopology,
        CpuFeatures = config.CpuFeatures ?? [],
        CpuFallback = config.CpuFallback,
        Cpuset = config.Cpuset,
        CpuAffinity = config.CpuAffinity ?? [],
        Shares = config.Shares,
        Nodeset = config.Nodeset,
        NumaNodes = config.NumaNodes ?? [],
        MemoryBacking = config.MemoryBacking ?? [],
        Memtunes = config.Memtunes ?? [],
        Memballoon = config.MemballoonEnabled == false
            ? null
            : new Memballoon(config.MemballoonModel ?? "virtio",
                config.MemballoonPciBus is null && config.MemballoonPciSlot is null ? null : new PciAddress(config.MemballoonPciBus ?? "0x00", config.MemballoonPciSlot ?? "0x0f")),
        Features = config.Features ?? ["acpi", "apic", "pae"],
        HypervFeatures = config.FeaturesHyperv ?? [],
        KvmHidden = config.KvmHidden == true,
        Clock = ClockXml.FromConfig(config),
        Sysinfo = config.Sysinfo ?? [],
        QemuArgs = config.QemuArgs ?? [],
        QemuEnv = config.QemuEnv ?? [],
        DiskControllerModel = config.DiskControllerModel ?? "virtio-scsi",
    };
}
