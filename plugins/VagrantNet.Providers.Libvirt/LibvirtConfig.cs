using System.Net;
using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Providers.Libvirt;

/// <summary>
/// The libvirt provider's settings: <c>config.Vm.Provider&lt;LibvirtConfig&gt;(lv =&gt; ...)</c>, or untyped by
/// vagrant-libvirt's names (<c>p["nic_model_type"] = "virtio"</c>). Defaults follow vagrant-libvirt.
/// </summary>
[ProviderName(Name)]
public sealed partial class LibvirtConfig : ProviderConfig
{
    public const string Name = "libvirt";

    // Connection
    /// <summary>libvirt connection URI; by default built from the settings below (<see cref="LibvirtUri"/>).</summary>
    public string? Uri { get; set; }

    public string? Host { get; set; }

    public bool? ConnectViaSsh { get; set; }

    public string? Username { get; set; }

    public string? IdSshKeyFile { get; set; }

    /// <summary>Use <c>qemu:///session</c> instead of the system instance.</summary>
    public bool? QemuUseSession { get; set; }

    // Domain
    /// <summary><c>kvm</c> or <c>qemu</c> (TCG). Unset: KVM when a probe shows it can run guests here, else qemu.</summary>
    public string? Driver { get; set; }

    /// <summary>MiB.</summary>
    public int? Memory { get; set; }

    public int? Cpus { get; set; }

    /// <summary>host-model, host-passthrough, custom or none.</summary>
    public string? CpuMode { get; set; }

    public string? CpuModel { get; set; }

    public bool? Nested { get; set; }

    public string? MachineType { get; set; }

    public string? MachineArch { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public bool? Autostart { get; set; }

    /// <summary>
    /// Boot devices in order (vagrant-libvirt's <c>boot</c>): <c>hd</c> is the root disk, <c>cdrom</c> every CD-ROM of
    /// <see cref="AddCdrom"/>, <c>network</c> every NIC in order; each gets a <c>&lt;boot order&gt;</c> and the boot
    /// menu is on. A device left out is never booted from.
    /// </summary>
    public string[]? BootOrder { get; set; }

    /// <summary>
    /// Firmware image, a path on the libvirt host (vagrant-libvirt's <c>loader</c>), e.g.
    /// <c>/usr/share/OVMF/OVMF_CODE_4M.fd</c> for UEFI. Read-only pflash when <see cref="Nvram"/> or
    /// <see cref="NvramTemplate"/> is set, else a ROM, as vagrant-libvirt does.
    /// </summary>
    public string? Loader { get; set; }

    /// <summary>
    /// The domain's own UEFI variable store, a path on the libvirt host (vagrant-libvirt's <c>nvram</c>). The file is
    /// the user's: destroy keeps it, as vagrant-libvirt does. Made from <see cref="NvramTemplate"/> when missing.
    /// </summary>
    public string? Nvram { get; set; }

    /// <summary>
    /// The variable store template libvirt copies into a per-domain NVRAM file (e.g.
    /// <c>/usr/share/OVMF/OVMF_VARS_4M.fd</c>); without <see cref="Nvram"/> the copy is libvirt's own
    /// (<c>/var/lib/libvirt/qemu/nvram/&lt;domain&gt;_VARS.fd</c>) and destroy removes it.
    /// </summary>
    public string? NvramTemplate { get; set; }

    /// <summary>The device model emulator binary, e.g. <c>/usr/bin/qemu-system-x86_64</c> (vagrant-libvirt's <c>emulator_path</c>).</summary>
    public string? EmulatorPath { get; set; }

    /// <summary>Direct kernel boot: the kernel image, a path on the libvirt host (vagrant-libvirt's <c>kernel</c>).</summary>
    public string? Kernel { get; set; }

    /// <summary>The initramfs for <see cref="Kernel"/>.</summary>
    public string? Initrd { get; set; }

    /// <summary>The kernel command line for <see cref="Kernel"/> (vagrant-libvirt's <c>cmd_line</c>).</summary>
    public string? CmdLine { get; set; }

    /// <summary>A device tree blob for <see cref="Kernel"/>.</summary>
    public string? Dtb { get; set; }

    /// <summary>
    /// How many times a guest whose kernel panics while it boots is booted again before <c>up</c> fails (default 0).
    /// An early panic under emulation (a starved emulated CPU failing a timer check) usually passes on a second try.
    /// </summary>
    public int? BootRetries { get; set; }

    public bool? QemuUseAgent { get; set; }

    /// <summary><c>pause</c> (default) keeps the guest in memory; <c>managedsave</c> saves it to disk.</summary>
    public string? SuspendMode { get; set; }

    // Disks
    public string? DiskBus { get; set; }

    public string? DiskDeviceName { get; set; }

    public string? DiskDriverCache { get; set; }

    public string? DiskDriverIo { get; set; }

    public string? DiskDriverDiscard { get; set; }

    /// <summary>GB; grows the root disk beyond the box's size (never shrinks).</summary>
    public int? MachineVirtualSize { get; set; }

    public string? StoragePoolName { get; set; }

    /// <summary>Where a missing storage pool is created.</summary>
    public string? StoragePoolPath { get; set; }

    /// <summary>Extra disks, created in the pool at the first <c>up</c> (<see cref="AddDisk"/>).</summary>
    public List<ExtraDisk> Storage { get; } = [];

    /// <summary>ISO images attached as read-only CD-ROMs (<see cref="AddCdrom"/>); never created nor deleted.</summary>
    public List<CdromDrive> Cdroms { get; } = [];

    // Network
    public string? NicModelType { get; set; }

    public string? ManagementNetworkName { get; set; }

    public string? ManagementNetworkAddress { get; set; }

    /// <summary>nat, route, open, none.</summary>
    public string? ManagementNetworkMode { get; set; }

    public string? ManagementNetworkMac { get; set; }

    public bool? ManagementNetworkAutostart { get; set; }

    /// <summary>Attach the management network (vagrant-libvirt's mgmt_attach); SSH goes over it.</summary>
    public bool? MgmtAttach { get; set; }

    /// <summary>DNS domain of the management network's dnsmasq (<c>&lt;domain name localOnly='yes'&gt;</c>), used when vnet creates it.</summary>
    public string? ManagementNetworkDomain { get; set; }

    /// <summary>MTU of the management network's bridge and of the management NIC (virtio guests take it as theirs).</summary>
    public int? ManagementNetworkMtu { get; set; }

    /// <summary><c>yes</c> (default) or <c>no</c>: guest-to-guest IPv6 on the management network (libvirt's <c>&lt;network ipv6&gt;</c>).</summary>
    public string? ManagementNetworkGuestIpv6 { get; set; }

    /// <summary>
    /// Keep the management network when a machine that did not create it is destroyed (vagrant-libvirt's
    /// <c>always_destroy</c> false for it): only the machine that created it removes it, once no domain uses it.
    /// </summary>
    public bool? ManagementNetworkKeep { get; set; }

    /// <summary>PCI bus of the management NIC (decimal or 0x-hex); set with <see cref="ManagementNetworkPciSlot"/>.</summary>
    public string? ManagementNetworkPciBus { get; set; }

    /// <summary>PCI slot of the management NIC (decimal or 0x-hex); set with <see cref="ManagementNetworkPciBus"/>.</summary>
    public string? ManagementNetworkPciSlot { get; set; }

    /// <summary>Host-side name of the management NIC (<c>&lt;target dev&gt;</c>); not vnet*, vif*, macvtap* or macvlan*, which libvirt keeps.</summary>
    public string? ManagementNetworkIfaceName { get; set; }

    /// <summary>Model of the management NIC; default <see cref="NicModelType"/>.</summary>
    public string? ManagementNetworkModelType { get; set; }

    /// <summary>Sets <c>&lt;driver iommu='on'&gt;</c> on the management NIC (a virtio device behind a virtual IOMMU).</summary>
    public bool? ManagementNetworkDriverIommu { get; set; }

    /// <summary>The most NICs a machine may have, the management NIC included (vagrant-libvirt's default 8).</summary>
    public int? NicAdapterCount { get; set; }

    // Naming
    /// <summary>Prefix of the domain name; default the project directory's name and an underscore.</summary>
    public string? DefaultPrefix { get; set; }

    public bool? RandomHostname { get; set; }

    // Console and display
    /// <summary>vnc, spice or none.</summary>
    public string? GraphicsType { get; set; }

    public string? GraphicsIp { get; set; }

    public int? GraphicsPort { get; set; }

    public string? GraphicsPassword { get; set; }

    public string? VideoType { get; set; }

    public int? VideoVram { get; set; }

    public string? Keymap { get; set; }

    /// <summary>File that receives the guest's serial console; shown when a boot fails.</summary>
    public string? SerialConsoleLog { get; set; }

    /// <summary>
    /// Adds an extra disk (vagrant-libvirt's <c>libvirt.storage :file, ...</c>, same option names): a volume
    /// <c>&lt;domain&gt;-&lt;device&gt;.&lt;type&gt;</c> (or <paramref name="path"/>, a volume name in the storage
    /// pool) created at the first <c>up</c> and deleted by destroy, unless <paramref name="allowExisting"/>: then an
    /// existing volume is used and destroy keeps it. <paramref name="device"/> unset: the next free name after the
    /// root disk (vdb, vdc...).
    /// </summary>
    public void AddDisk(
        string size = "10G",
        string type = "qcow2",
        string? bus = null,
        string? device = null,
        string? cache = null,
        string? path = null,
        bool allowExisting = false,
        bool shareable = false,
        string? serial = null,
        string? wwn = null,
        string? io = null,
        string? copyOnRead = null,
        string? discard = null,
        string? detectZeroes = null) =>
        Storage.Add(new ExtraDisk(size, type, bus, device, cache)
        {
            Path = path,
            AllowExisting = allowExisting,
            Shareable = shareable,
            Serial = serial,
            Wwn = wwn,
            Io = io,
            CopyOnRead = copyOnRead,
            Discard = discard,
            DetectZeroes = detectZeroes,
        });

    /// <summary>
    /// Attaches an ISO image (a path on the libvirt host) as a read-only CD-ROM (vagrant-libvirt's
    /// <c>libvirt.storage :file, device: :cdrom, path: ...</c>); bus <c>ide</c> by default, device hda... when unset.
    /// </summary>
    public void AddCdrom(string path, string? bus = null, string? device = null) => Cdroms.Add(new CdromDrive(path, bus, device));

    public override void FinalizeDefaults()
    {
        FinalizeDeviceDefaults();
        QemuUseSession ??= false;
        ConnectViaSsh ??= Host is not null;
        Memory ??= 512;
        Cpus ??= 1;
        Nested ??= false;
        MachineArch ??= "x86_64";
        Autostart ??= false;
        BootOrder ??= [];
        BootRetries ??= 0;
        QemuUseAgent ??= false;
        SuspendMode ??= "pause";
        DiskBus ??= "virtio";
        DiskDriverCache ??= "default";
        StoragePoolName ??= "default";
        StoragePoolPath ??= "/var/lib/libvirt/images";
        NicModelType ??= "virtio";
        ManagementNetworkName ??= "vagrant-libvirt";
        ManagementNetworkAddress ??= "192.168.121.0/24";
        ManagementNetworkMode ??= "nat";
        ManagementNetworkAutostart ??= false;
        MgmtAttach ??= true;
        ManagementNetworkGuestIpv6 ??= "yes";
        ManagementNetworkKeep ??= false;
        ManagementNetworkModelType ??= NicModelType;
        ManagementNetworkDriverIommu ??= false;
        NicAdapterCount ??= 8;
        RandomHostname ??= false;
        GraphicsType ??= "vnc";
        GraphicsIp ??= "127.0.0.1";
        VideoType ??= VideoAccel3d == true ? "virtio" : "cirrus";
        VideoVram ??= 16384;
        Keymap ??= "en-us";
        Uri ??= LibvirtUri.For(this, System.Environment.GetEnvironmentVariable(LibvirtUri.DefaultUriVariable));
    }

    public override void Validate(ValidationErrors errors)
    {
        void Error(string setting, string message) => errors.Add("libvirt provider", "libvirt." + setting, message);

        if (Driver is not null and not ("kvm" or "qemu"))
        {
            Error("driver", $"must be \"kvm\" or \"qemu\", got \"{Driver}\"");
        }

        if (Memory is <= 0)
        {
            Error("memory", $"must be a positive number of MiB, got {Memory}");
        }

        if (Cpus is <= 0)
        {
            Error("cpus", $"must be at least 1, got {Cpus}");
        }

        if (CpuMode is not null and not ("host-model" or "host-passthrough" or "custom" or "none" or "maximum"))
        {
            Error("cpu_mode", $"must be host-model, host-passthrough, custom, maximum or none, got \"{CpuMode}\"");
        }

        if (DiskBus is not null && !DiskBuses.Contains(DiskBus, StringComparer.Ordinal))
        {
            Error("disk_bus", $"must be one of {string.Join(", ", DiskBuses)}, got {UserText.Quote(DiskBus)}");
        }

        if (DiskDriverCache is not null and not ("default" or "none" or "writethrough" or "writeback" or "directsync" or "unsafe"))
        {
            Error("disk_driver_cache", $"must be default, none, writethrough, writeback, directsync or unsafe, got \"{DiskDriverCache}\"");
        }

        if (SuspendMode is not null and not ("pause" or "managedsave"))
        {
            Error("suspend_mode", $"must be \"pause\" or \"managedsave\", got \"{SuspendMode}\"");
        }

        if (GraphicsType is not null and not ("vnc" or "spice" or "none"))
        {
            Error("graphics_type", $"must be vnc, spice or none, got \"{GraphicsType}\"");
        }

        if (ManagementNetworkMode == Xml.NetworkSpec.VeryIsolated)
        {
            Error("management_network_mode", "cannot be veryisolated: such a network has no address on the host, so vnet could not reach the machine over it");
        }
        else if (ManagementNetworkMode is not null and not ("nat" or "route" or "open" or "none"))
        {
            Error("management_network_mode", $"must be nat, route, open or none, got \"{ManagementNetworkMode}\"");
        }

        ValidateManagementNic(Error);

        if (ManagementNetworkAddress is not null && !IPNetwork.TryParse(ManagementNetworkAddress, out _))
        {
            Error("management_network_address", $"must be a network in CIDR form such as 192.168.121.0/24, got \"{ManagementNetworkAddress}\"");
        }

        if (ManagementNetworkMac is not null && !IsMac(ManagementNetworkMac))
        {
            Error("management_network_mac", $"'{ManagementNetworkMac}' is not a MAC address");
        }

        if (MachineVirtualSize is <= 0)
        {
            Error("machine_virtual_size", $"must be a positive number of GB, got {MachineVirtualSize}");
        }

        foreach (var (device, index) in (BootOrder ?? []).Select((d, i) => (d, i)))
        {
            if (device is not ("hd" or "network" or "cdrom"))
            {
                Error("boot", $"boot device must be hd, network or cdrom, got \"{device}\"");
            }
            else if (Array.IndexOf(BootOrder!, device) < index)
            {
                Error("boot", $"\"{device}\" is given twice: each device boots once, in the order given");
            }
            else if (device == "cdrom" && Cdroms.Count == 0)
            {
                Error("boot", "\"cdrom\" names no device: this machine has no CD-ROM (add one with AddCdrom(path))");
            }
        }

        foreach (var (setting, path) in new[] { ("kernel", Kernel), ("initrd", Initrd), ("dtb", Dtb), ("loader", Loader), ("nvram", Nvram), ("nvram_template", NvramTemplate), ("emulator_path", EmulatorPath) })
        {
            if (path is not null && !Path.IsPathRooted(path))
            {
                Error(setting, $"must be an absolute path on the libvirt host, got {UserText.Quote(path)}");
            }
        }

        if (Kernel is null)
        {
            foreach (var (setting, value) in new[] { ("initrd", Initrd), ("cmd_line", CmdLine), ("dtb", Dtb) })
            {
                if (value is not null)
                {
                    Error(setting, "is used only with direct kernel boot: set libvirt.kernel too");
                }
            }
        }

        if (BootRetries is not null and not (>= 0 and <= MaxBootRetries))
        {
            Error("boot_retries", $"must be between 0 and {MaxBootRetries}, got {BootRetries}");
        }

        if (GraphicsPort is not null and not (-1 or (>= MinGraphicsPort and <= 65535)))
        {
            Error("graphics_port", $"must be -1 (let libvirt choose a free port) or between {MinGraphicsPort} and 65535, got {GraphicsPort}");
        }

        if (Loader is null)
        {
            foreach (var (setting, value) in new[] { ("nvram", Nvram), ("nvram_template", NvramTemplate) })
            {
                if (value is not null)
                {
                    Error(setting, "needs a UEFI firmware: set libvirt.loader too (e.g. /usr/share/OVMF/OVMF_CODE_4M.fd)");
                }
            }
        }

        ValidateStorage(Error);
        ValidateDevices(Error);
    }

    private void ValidateManagementNic(Action<string, string> error)
    {
        if (ManagementNetworkDomain is not null && !Networks.NetworkOptionsValidator.DomainName().IsMatch(ManagementNetworkDomain))
        {
            error("management_network_domain", $"{UserText.Quote(ManagementNetworkDomain)} is not a DNS domain such as lab.local");
        }

        if (ManagementNetworkMtu is not null and not (>= Networks.NetworkOptionsValidator.MinMtu and <= Networks.NetworkOptionsValidator.MaxMtu))
        {
            error("management_network_mtu", $"must be between {Networks.NetworkOptionsValidator.MinMtu} and {Networks.NetworkOptionsValidator.MaxMtu}, got {ManagementNetworkMtu}");
        }

        if (ManagementNetworkGuestIpv6 is not null and not ("yes" or "no"))
        {
            error("management_network_guest_ipv6", $"must be \"yes\" or \"no\", got {UserText.Quote(ManagementNetworkGuestIpv6)}");
        }

        if ((ManagementNetworkPciBus is null) != (ManagementNetworkPciSlot is null))
        {
            error(ManagementNetworkPciBus is null ? "management_network_pci_bus" : "management_network_pci_slot", "a PCI address needs both management_network_pci_bus and management_network_pci_slot");
        }

        if (ManagementNetworkPciBus is not null && !(Networks.NetworkOptions.TryPciNumber(ManagementNetworkPciBus, out var bus) && bus is >= 0 and <= 255))
        {
            error("management_network_pci_bus", $"{UserText.Quote(ManagementNetworkPciBus)} is not a PCI bus: give a number between 0 and 255 (0x-hex or decimal)");
        }

        if (ManagementNetworkPciSlot is not null && !(Networks.NetworkOptions.TryPciNumber(ManagementNetworkPciSlot, out var slot) && slot is >= 0 and <= 31))
        {
            error("management_network_pci_slot", $"{UserText.Quote(ManagementNetworkPciSlot)} is not a PCI slot: give a number between 0 and 31 (0x-hex or decimal)");
        }

        if (ManagementNetworkIfaceName is not null && Networks.NetworkOptionsValidator.IfaceNameProblem(ManagementNetworkIfaceName) is { } problem)
        {
            error("management_network_iface_name", $"{UserText.Quote(ManagementNetworkIfaceName)} {problem}");
        }

        foreach (var (setting, model) in new[] { ("nic_model_type", NicModelType), ("management_network_model_type", ManagementNetworkModelType) })
        {
            if (model is not null && !Networks.NetworkOptionsValidator.ModelType().IsMatch(model))
            {
                error(setting, $"{UserText.Quote(model)} is not a NIC model such as virtio, e1000 or rtl8139");
            }
        }

        if (ManagementNetworkDriverIommu == true && (ManagementNetworkModelType ?? NicModelType ?? "virtio") != "virtio")
        {
            error("management_network_driver_iommu", "is a virtio driver option, and the management NIC's model is not virtio: libvirt would drop it");
        }

        if (NicAdapterCount is < 1)
        {
            error("nic_adapter_count", $"must be at least 1, got {NicAdapterCount}");
        }
    }

    /// <summary>More boots than this would only hide a guest that cannot boot.</summary>
    public const int MaxBootRetries = 10;

    /// <summary>The lowest port a VNC or SPICE display may be given: below it, libvirt and QEMU refuse the port.</summary>
    public const int MinGraphicsPort = 5900;

    private static readonly string[] DiskBuses = ["virtio", "scsi", "sata", "ide", "usb"];

    /// <summary>
    /// Checks the <c>libvirt__</c> options of the machine's networks, which vagrant-libvirt reads as typed values, that
    /// the machine's NICs fit in <see cref="NicAdapterCount"/>, and what its disks and boot order need of the machine.
    /// </summary>
    public override void ValidateMachine(RootConfig machine, ValidationErrors errors)
    {
        ValidateBoxless(machine, errors);
        var networks = machine.Vm.Network.Networks.Where(n => n.Kind != NetworkKind.ForwardedPort).ToList();
        var nics = networks.Count + (MgmtAttach == false ? 0 : 1);
        var seedTaken = Storage.Select(d => d.Device).Concat(Cdroms.Select(c => c.Device)).Contains(Actions.StoragePlan.CloudInitSeedDevice);
        if (machine.Vm.CloudInit.Parts.Count > 0 && seedTaken)
        {
            errors.Add("libvirt provider", "libvirt.storage", $"device {Actions.StoragePlan.CloudInitSeedDevice} is the cloud-init seed's (vm.cloud_init): give the disk another device name");
        }

        if (nics == 0 && BootOrder?.Contains("network") == true)
        {
            errors.Add("libvirt provider", "libvirt.boot", "\"network\" names no device: this machine has no NIC (mgmt_attach is off and it has no network)");
        }

        foreach (var network in networks)
        {
            new Networks.NetworkOptionsValidator(network, errors, NicModelType ?? "virtio").Validate();
        }

        Networks.NetworkOptionsValidator.ValidateAdapterCount(nics, this, errors);
    }

    internal static bool IsMac(string mac)
    {
        var hex = mac.Replace(":", string.Empty).Replace("-", string.Empty);
        return hex.Length == 12 && hex.All(System.Uri.IsHexDigit);
    }
}
