namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>Everything the domain XML says, resolved from config, box and networks: what the builder renders.</summary>
public sealed record DomainSpec
{
    public required string Name { get; init; }

    /// <summary>The UUID vnet chose (and recorded) before defining the domain; null lets libvirt choose.</summary>
    public string? Uuid { get; init; }

    /// <summary>The machine that owns the domain, written into its metadata.</summary>
    public OwnerTag? Owner { get; init; }

    /// <summary><c>kvm</c> or <c>qemu</c>.</summary>
    public required string DomainType { get; init; }

    public required int MemoryMiB { get; init; }

    public required int Cpus { get; init; }

    public string? CpuMode { get; init; }

    public string? CpuModel { get; init; }

    public bool Nested { get; init; }

    public string Arch { get; init; } = "x86_64";

    public string? MachineType { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> BootOrder { get; init; } = [];

    /// <summary>Direct kernel boot (null: boot from the devices).</summary>
    public DirectKernelBoot? DirectBoot { get; init; }

    /// <summary>A firmware other than the hypervisor's default BIOS (UEFI), or null.</summary>
    public Firmware? Firmware { get; init; }

    /// <summary>The device model binary (<c>&lt;emulator&gt;</c>), or null for libvirt's choice.</summary>
    public string? EmulatorPath { get; init; }

    public required IReadOnlyList<DiskSpec> Disks { get; init; }

    public required IReadOnlyList<InterfaceSpec> Interfaces { get; init; }

    public string GraphicsType { get; init; } = "vnc";

    public string GraphicsIp { get; init; } = "127.0.0.1";

    public int? GraphicsPort { get; init; }

    public string? GraphicsPassword { get; init; }

    public string Keymap { get; init; } = "en-us";

    public string VideoType { get; init; } = "cirrus";

    public int VideoVram { get; init; } = 16384;

    public string? SerialLogFile { get; init; }

    public bool GuestAgent { get; init; }

    /// <summary>A pvpanic device, so that a guest kernel that panics makes libvirt report the domain crashed.</summary>
    public bool PanicDevice { get; init; }
}

public sealed record DiskSpec(string Path, string Format, string Device, string Bus, string Cache, string? Io = null, string? Discard = null, bool CdRom = false)
{
    /// <summary>The <see cref="DomainSpec.BootOrder"/> entry that boots from this disk (<c>hd</c>, <c>cdrom</c>), or null.</summary>
    public string? BootAs { get; init; }

    public bool Shareable { get; init; }

    public string? Serial { get; init; }

    public string? Wwn { get; init; }

    public string? CopyOnRead { get; init; }

    public string? DetectZeroes { get; init; }
}

/// <summary>A NIC: on a libvirt network, a UDP tunnel for point-to-point lab links, or a host device (public networks).</summary>
public sealed record InterfaceSpec(string Mac, string Model)
{
    public string? Network { get; init; }

    public UdpTunnel? Tunnel { get; init; }

    public HostAttachment? Host { get; init; }
}

/// <summary>
/// A public network's NIC as vagrant-libvirt makes it: <c>direct</c> (macvtap on a host device, <see cref="Mode"/>
/// bridge by default), <c>bridge</c> (a port on a host bridge, Linux or Open vSwitch) or <c>network</c> (an existing
/// libvirt network, with an optional port group).
/// </summary>
public sealed record HostAttachment(string Type, string Source, string? Mode = null, bool TrustGuestRxFilters = false, bool OpenVSwitch = false, string? Portgroup = null);

/// <summary>One end of a point-to-point link between two guests (QEMU's UDP socket backend).</summary>
public sealed record UdpTunnel(string LocalAddress, int LocalPort, string RemoteAddress, int RemotePort);

/// <summary>Boot a kernel image from the libvirt host instead of a disk's boot loader.</summary>
public sealed record DirectKernelBoot(string Kernel, string? Initrd, string? CmdLine, string? Dtb);

/// <summary>
/// A firmware image from the libvirt host: read-only pflash with a per-domain variable store when
/// <see cref="Nvram"/> or <see cref="NvramTemplate"/> is given, else a ROM (vagrant-libvirt's rule).
/// </summary>
public sealed record Firmware(string Loader, string? Nvram, string? NvramTemplate)
{
    public bool HasNvram => Nvram is not null || NvramTemplate is not null;
}
