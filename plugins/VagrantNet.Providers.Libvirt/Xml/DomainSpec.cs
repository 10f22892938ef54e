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

    /// <summary>Whether libvirt picks the display's port (validation keeps it consistent with <see cref="GraphicsPort"/>).</summary>
    public bool GraphicsAutoport { get; init; } = true;

    public string? GraphicsPassword { get; init; }

    public string Keymap { get; init; } = "en-us";

    public string VideoType { get; init; } = "cirrus";

    public int VideoVram { get; init; } = 16384;

    public string? SerialLogFile { get; init; }

    /// <summary>TPM, RNG, watchdog, channels, serials, inputs, sound, floppies, passthrough, display extras.</summary>
    public GuestDevices Devices { get; init; } = new();

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

/// <summary>
/// A NIC: on a libvirt network, a socket tunnel for point-to-point lab links, or a host device (public networks), with
/// the per-NIC device options vagrant-libvirt has (host-side name, MTU, driver, PCI address).
/// </summary>
public sealed record InterfaceSpec(string Mac, string Model)
{
    public string? Network { get; init; }

    public SocketTunnel? Tunnel { get; init; }

    public HostAttachment? Host { get; init; }

    /// <summary>The host-side device name (<c>&lt;target dev&gt;</c>); null lets libvirt name it vnetN.</summary>
    public string? TargetDev { get; init; }

    /// <summary>The NIC's MTU, which virtio guests also take as theirs; null: the network's.</summary>
    public int? Mtu { get; init; }

    /// <summary><c>&lt;driver&gt;</c>: the backend (vhost or qemu), the number of queues, the IOMMU platform flag.</summary>
    public NicDriver? Driver { get; init; }

    /// <summary>Where the NIC sits on the guest's PCI bus; null lets libvirt place it.</summary>
    public PciAddress? Address { get; init; }
}

/// <summary>A NIC's <c>&lt;driver&gt;</c> options; a null member is left out.</summary>
public sealed record NicDriver(string? Name, int? Queues, bool Iommu)
{
    public bool IsEmpty => Name is null && Queues is null && !Iommu;
}

/// <summary>A PCI address as vagrant-libvirt takes it: bus and slot, each decimal or 0x-hex.</summary>
public sealed record PciAddress(string Bus, string Slot);

/// <summary>
/// A public network's NIC as vagrant-libvirt makes it: <c>direct</c> (macvtap on a host device, <see cref="Mode"/>
/// bridge by default), <c>bridge</c> (a port on a host bridge, Linux or Open vSwitch) or <c>network</c> (an existing
/// libvirt network, with an optional port group). <see cref="OvsInterfaceId"/> is Open vSwitch's interface id.
/// </summary>
public sealed record HostAttachment(string Type, string Source, string? Mode = null, bool TrustGuestRxFilters = false, bool OpenVSwitch = false, string? Portgroup = null, string? OvsInterfaceId = null);

/// <summary>
/// One end of a point-to-point link between guests, over a QEMU socket backend: <c>udp</c> (to
/// <see cref="Address"/>:<see cref="Port"/> from the local end), <c>server</c> (listens on a TCP port), <c>client</c>
/// (connects to one) or <c>mcast</c> (joins a multicast group).
/// </summary>
public sealed record SocketTunnel(string Type, string Address, int Port, string? LocalAddress = null, int? LocalPort = null);

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
