namespace VagrantNet.Providers.Libvirt;

/// <summary>
/// The guest's other devices, as vagrant-libvirt 0.12 has them: TPM, RNG, watchdog, channels, serial ports, inputs,
/// sound, floppies, USB and PCI passthrough, USB redirection, smartcard, and the display's extras. Each list setting
/// has an <c>Add…</c> method with vagrant-libvirt's option names; its checks are in <c>LibvirtConfig.DeviceChecks.cs</c>.
/// </summary>
public sealed partial class LibvirtConfig
{
    // TPM: vagrant-libvirt adds one only when tpm_path or tpm_version is set.

    /// <summary>tpm-tis (default), tpm-crb, tpm-spapr or spapr-tpm-proxy.</summary>
    public string? TpmModel { get; set; }

    /// <summary><c>passthrough</c> (default: the host's TPM at <see cref="TpmPath"/>) or <c>emulator</c> (swtpm, per domain).</summary>
    public string? TpmType { get; set; }

    /// <summary>The host's TPM device a passthrough TPM uses, e.g. <c>/dev/tpm0</c>.</summary>
    public string? TpmPath { get; set; }

    /// <summary><c>1.2</c> or <c>2.0</c>: the emulated TPM's version (an emulator TPM needs it).</summary>
    public string? TpmVersion { get; set; }

    /// <summary>
    /// A virtio RNG fed by the host's <c>/dev/urandom</c>: on (true, vnet's default, so a guest never starves for
    /// entropy at boot) or off. vagrant-libvirt's <c>random model: 'random'</c> asks for the same device.
    /// </summary>
    public bool? Rng { get; set; }

    /// <summary>A watchdog device (<see cref="Watchdog"/>); null: none.</summary>
    public WatchdogDevice? WatchdogDev { get; set; }

    /// <summary>The USB controller (<see cref="UsbController"/>); unset: qemu-xhci when there are USB devices or redirections, else libvirt's own.</summary>
    public UsbControllerDevice? UsbctlDev { get; set; }

    /// <summary>A smartcard (<see cref="Smartcard"/>); null: none.</summary>
    public SmartcardDevice? SmartcardDev { get; set; }

    /// <summary>ich6, ich7, ich9, ac97, es1370, sb16, pcspk or usb; null: no sound card.</summary>
    public string? SoundType { get; set; }

    /// <summary>
    /// Let libvirt pick the display's port (vagrant-libvirt's <c>graphics_autoport</c>); unset: auto when no
    /// <see cref="GraphicsPort"/> is given. False needs a <see cref="GraphicsPort"/>.
    /// </summary>
    public bool? GraphicsAutoport { get; set; }

    /// <summary>The VNC display's WebSocket port (-1: libvirt picks one); unset: none.</summary>
    public int? GraphicsWebsocket { get; set; }

    /// <summary>OpenGL for a SPICE display (<c>&lt;gl enable='yes'/&gt;</c>); default <see cref="VideoAccel3d"/>.</summary>
    public bool? GraphicsGl { get; set; }

    /// <summary>3D acceleration of a virtio video card; the video type defaults to virtio when it is on.</summary>
    public bool? VideoAccel3d { get; set; }

    /// <summary>
    /// Host devices (by name prefix) that a public_network may not use as its device: libvirt's own taps and bridges
    /// and container bridges. Default docker, macvtap, virbr, vnet, as vagrant-libvirt.
    /// </summary>
    public string[]? HostDeviceExcludePrefixes { get; set; }

    /// <summary>Guest-host channels (<see cref="Channel"/>); the guest agent's and SPICE's are added as vagrant-libvirt does (<see cref="EffectiveChannels"/>).</summary>
    public List<ChannelDevice> Channels { get; } = [];

    /// <summary>Serial ports in order (ttyS0, ttyS1...) (<see cref="AddSerial"/>); none given: one pty.</summary>
    public List<SerialDevice> Serials { get; } = [];

    /// <summary>Input devices (<see cref="AddInput"/>); none given: a PS/2 mouse.</summary>
    public List<InputDevice> Inputs { get; } = [];

    /// <summary>Floppy images (<see cref="AddFloppy"/>), at most two.</summary>
    public List<FloppyDrive> Floppies { get; } = [];

    /// <summary>Host USB devices passed to the guest (<see cref="AddUsb"/>).</summary>
    public List<UsbDevice> Usbs { get; } = [];

    /// <summary>USB redirection channels (<see cref="AddRedirdev"/>).</summary>
    public List<RedirectedUsb> Redirdevs { get; } = [];

    /// <summary>Which USB devices a redirection lets through (<see cref="AddRedirfilter"/>), first match wins.</summary>
    public List<RedirFilter> Redirfilters { get; } = [];

    /// <summary>Host PCI devices passed to the guest (<see cref="AddPci"/>).</summary>
    public List<PciDevice> Pcis { get; } = [];

    /// <summary>vagrant-libvirt's <c>libvirt.watchdog model:, action:</c>; action reset by default.</summary>
    public void Watchdog(string model, string action = "reset") => WatchdogDev = new WatchdogDevice(model, action);

    /// <summary>vagrant-libvirt's <c>libvirt.usb_controller model:, ports:</c>.</summary>
    public void UsbController(string model, int? ports = null) => UsbctlDev = new UsbControllerDevice(model, ports);

    /// <summary>vagrant-libvirt's <c>libvirt.smartcard</c>: mode passthrough; type spicevmc (default) or tcp with a source.</summary>
    public void Smartcard(string mode = "passthrough", string type = "spicevmc", string? sourceMode = null, string? sourceHost = null, string? sourceService = null) =>
        SmartcardDev = new SmartcardDevice(mode, type, sourceMode, sourceHost, sourceService);

    /// <summary>
    /// vagrant-libvirt's <c>libvirt.channel</c>: <paramref name="type"/> unix (a socket on the host, libvirt's path
    /// when none is given), spicevmc or pty; <paramref name="targetType"/> virtio (with a name) or guestfwd (with an
    /// address and port). <paramref name="disabled"/> keeps the automatic guest-agent or SPICE channel of that name out.
    /// </summary>
    public void Channel(string type, string? targetType = null, string? targetName = null, string? sourceMode = null, string? sourcePath = null,
        string? targetAddress = null, int? targetPort = null, bool disabled = false) =>
        Channels.Add(new ChannelDevice(type, targetType, targetName) { SourceMode = sourceMode, SourcePath = sourcePath, TargetAddress = targetAddress, TargetPort = targetPort, Disabled = disabled });

    /// <summary>
    /// vagrant-libvirt's <c>libvirt.serial</c>: <c>pty</c> (default), <c>file</c> (the guest's output is written to
    /// <paramref name="path"/>, appended to unless <paramref name="append"/> is false) or <c>tcp</c> (vnet: a raw TCP
    /// server on <paramref name="host"/>:<paramref name="port"/>).
    /// </summary>
    public void AddSerial(string type = "pty", string? path = null, bool append = true, string? host = null, int? port = null) =>
        Serials.Add(new SerialDevice(type) { Path = path, Append = append, Host = host, Port = port });

    /// <summary>vagrant-libvirt's <c>libvirt.input type:, bus:</c>: mouse, tablet or keyboard on ps2, usb or virtio.</summary>
    public void AddInput(string type, string bus) => Inputs.Add(new InputDevice(type, bus));

    /// <summary>vagrant-libvirt's <c>libvirt.storage :file, device: :floppy, path:</c>: an image on the libvirt host; fda, fdb when unset.</summary>
    public void AddFloppy(string path, string? device = null) => Floppies.Add(new FloppyDrive(path, device));

    /// <summary>vagrant-libvirt's <c>libvirt.usb</c>: by <paramref name="bus"/> and <paramref name="device"/>, and/or by vendor and product id (lsusb's numbers).</summary>
    public void AddUsb(string? bus = null, string? device = null, string? vendor = null, string? product = null, string? startupPolicy = null) =>
        Usbs.Add(new UsbDevice(bus, device, vendor, product, startupPolicy));

    /// <summary>vagrant-libvirt's <c>libvirt.redirdev type:</c>; spicevmc (needs a SPICE display).</summary>
    public void AddRedirdev(string type = "spicevmc") => Redirdevs.Add(new RedirectedUsb(type));

    /// <summary>vagrant-libvirt's <c>libvirt.redirfilter</c>: -1 (any) for a number not given.</summary>
    public void AddRedirfilter(bool allow, string usbClass = "-1", string vendor = "-1", string product = "-1", string version = "-1") =>
        Redirfilters.Add(new RedirFilter(usbClass, vendor, product, version, allow));

    /// <summary>vagrant-libvirt's <c>libvirt.pci</c>: the host's bus, slot and function (lspci), and where the guest sees it (optional).</summary>
    public void AddPci(string bus, string slot, string function, string domain = "0x0000",
        string? guestDomain = null, string? guestBus = null, string? guestSlot = null, string? guestFunction = null) =>
        Pcis.Add(new PciDevice(domain, bus, slot, function) { GuestDomain = guestDomain, GuestBus = guestBus, GuestSlot = guestSlot, GuestFunction = guestFunction });

    /// <summary>
    /// The channels the domain gets, as vagrant-libvirt makes them: the configured ones, the guest agent's
    /// (<see cref="QemuUseAgent"/>) and SPICE's agent channel unless one of that family is given, a disabled one left out.
    /// </summary>
    public IReadOnlyList<ChannelDevice> EffectiveChannels()
    {
        var channels = new List<ChannelDevice>(Channels);
        bool Has(string prefix) => channels.Any(c => c.TargetName?.StartsWith(prefix, StringComparison.Ordinal) == true);
        if (QemuUseAgent == true && !Has("org.qemu.guest_agent."))
        {
            channels.Add(new ChannelDevice("unix", "virtio", GuestAgentChannel));
        }

        if (GraphicsType == "spice" && !Has("com.redhat.spice."))
        {
            channels.Add(new ChannelDevice("spicevmc", "virtio", "com.redhat.spice.0"));
        }

        return [.. channels.Where(c => !c.Disabled)];
    }

    /// <summary>The virtio port the QEMU guest agent listens on.</summary>
    public const string GuestAgentChannel = "org.qemu.guest_agent.0";


    private void FinalizeDeviceDefaults()
    {
        Rng ??= true;
        VideoAccel3d ??= false;
        GraphicsGl ??= VideoAccel3d;
        HostDeviceExcludePrefixes ??= ["docker", "macvtap", "virbr", "vnet"];
    }
}

/// <summary>A watchdog: i6300esb, ib700, diag288 or itco; what the host does when it fires (reset, shutdown, poweroff, pause, dump, inject-nmi, none).</summary>
public sealed record WatchdogDevice(string Model, string Action);

/// <summary>A USB controller model (qemu-xhci, nec-xhci, ich9-ehci1, piix3-uhci...) and its number of ports.</summary>
public sealed record UsbControllerDevice(string Model, int? Ports);

/// <summary>A smartcard in passthrough mode over SPICE (<c>spicevmc</c>) or a TCP source.</summary>
public sealed record SmartcardDevice(string Mode, string Type, string? SourceMode, string? SourceHost, string? SourceService);

/// <summary>A guest-host channel; vagrant-libvirt's option names.</summary>
public sealed record ChannelDevice(string Type, string? TargetType, string? TargetName)
{
    /// <summary>bind (the host listens) or connect.</summary>
    public string? SourceMode { get; init; }

    public string? SourcePath { get; init; }

    public string? TargetAddress { get; init; }

    public int? TargetPort { get; init; }

    public bool Disabled { get; init; }
}

/// <summary>A serial port: pty, file (<see cref="Path"/>) or tcp (a server on <see cref="Host"/>:<see cref="Port"/>).</summary>
public sealed record SerialDevice(string Type)
{
    public string? Path { get; init; }

    /// <summary>A file serial appends to the file (true, vagrant-libvirt's default) or truncates it at each start.</summary>
    public bool Append { get; init; } = true;

    /// <summary>The address a tcp serial listens on; default 127.0.0.1.</summary>
    public string? Host { get; init; }

    public int? Port { get; init; }
}

public sealed record InputDevice(string Type, string Bus);

/// <summary>A floppy image on the libvirt host; its device fda or fdb.</summary>
public sealed record FloppyDrive(string Path, string? Device);

/// <summary>A host USB device, by bus and device number and/or by vendor and product id.</summary>
public sealed record UsbDevice(string? Bus, string? Device, string? Vendor, string? Product, string? StartupPolicy);

public sealed record RedirectedUsb(string Type);

/// <summary>A USB redirection filter rule; -1 matches any value.</summary>
public sealed record RedirFilter(string Class, string Vendor, string Product, string Version, bool Allow);

/// <summary>A host PCI device (domain, bus, slot, function) and, optionally, its address in the guest.</summary>
public sealed record PciDevice(string Domain, string Bus, string Slot, string Function)
{
    public string? GuestDomain { get; init; }

    public string? GuestBus { get; init; }

    public string? GuestSlot { get; init; }

    public string? GuestFunction { get; init; }
}
