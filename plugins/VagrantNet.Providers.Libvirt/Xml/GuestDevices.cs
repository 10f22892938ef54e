namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>
/// The domain's devices besides disks, NICs and the display: what <c>LibvirtConfig.Devices.cs</c> configures, resolved
/// (one pty serial and a PS/2 mouse when none are given, the guest agent's channel added...). The default is a domain
/// with no device setting.
/// </summary>
public sealed record GuestDevices
{
    public TpmDevice? Tpm { get; init; }

    /// <summary>The virtio RNG on the host's /dev/urandom.</summary>
    public bool Rng { get; init; } = true;

    public WatchdogDevice? Watchdog { get; init; }

    public IReadOnlyList<ChannelDevice> Channels { get; init; } = [];

    /// <summary>In port order; the first is also the console (and carries vnet's serial log).</summary>
    public IReadOnlyList<SerialDevice> Serials { get; init; } = [new SerialDevice("pty")];

    public IReadOnlyList<InputDevice> Inputs { get; init; } = [DefaultInput];

    public string? Sound { get; init; }

    /// <summary>Floppies with their devices resolved (fda, fdb).</summary>
    public IReadOnlyList<FloppyDrive> Floppies { get; init; } = [];

    public UsbControllerDevice? UsbController { get; init; }

    public IReadOnlyList<UsbDevice> Usbs { get; init; } = [];

    public IReadOnlyList<RedirectedUsb> Redirdevs { get; init; } = [];

    public IReadOnlyList<RedirFilter> Redirfilters { get; init; } = [];

    public IReadOnlyList<PciDevice> Pcis { get; init; } = [];

    public SmartcardDevice? Smartcard { get; init; }

    /// <summary>The VNC display's WebSocket port (-1: libvirt's choice), or null.</summary>
    public int? GraphicsWebsocket { get; init; }

    public bool GraphicsGl { get; init; }

    public bool VideoAccel3d { get; init; }

    /// <summary>vagrant-libvirt's default input.</summary>
    public static readonly InputDevice DefaultInput = new("mouse", "ps2");

    /// <summary>The devices <paramref name="config"/> (defaults finalized) asks for.</summary>
    public static GuestDevices From(LibvirtConfig config) => new()
    {
        Tpm = config.TpmPath is not null || config.TpmVersion is not null
            ? new TpmDevice(config.TpmModel ?? "tpm-tis", config.TpmType ?? "passthrough", config.TpmPath, config.TpmVersion)
            : null,
        Rng = config.Rng != false,
        Watchdog = config.WatchdogDev,
        Channels = config.EffectiveChannels(),
        Serials = config.Serials.Count > 0 ? [.. config.Serials] : [new SerialDevice("pty")],
        Inputs = config.Inputs.Count > 0 ? [.. config.Inputs] : [DefaultInput],
        Sound = config.SoundType,
        Floppies = WithDevices(config.Floppies),
        // The configured controller, else qemu-xhci when USB devices need one.
        UsbController = config.UsbctlDev ?? (config.Usbs.Count > 0 || config.Redirdevs.Count > 0 ? new UsbControllerDevice("qemu-xhci", null) : null),
        Usbs = [.. config.Usbs],
        Redirdevs = [.. config.Redirdevs],
        Redirfilters = [.. config.Redirfilters],
        Pcis = [.. config.Pcis],
        Smartcard = config.SmartcardDev,
        GraphicsWebsocket = config.GraphicsWebsocket,
        GraphicsGl = config.GraphicsGl == true,
        VideoAccel3d = config.VideoAccel3d == true,
    };

    /// <summary>vagrant-libvirt's rule: a floppy without a device gets the first of fda, fdb that no other floppy has.</summary>
    private static List<FloppyDrive> WithDevices(IReadOnlyList<FloppyDrive> floppies)
    {
        var free = new Queue<string>(new[] { "fda", "fdb" }.Where(d => floppies.All(f => f.Device != d)));
        return [.. floppies.Select(f => f with { Device = f.Device ?? (free.Count > 0 ? free.Dequeue() : "fdb") })];
    }
}

/// <summary>A TPM: its model, backend (passthrough of a host device, or libvirt's swtpm emulator) and version.</summary>
public sealed record TpmDevice(string Model, string Type, string? Path, string? Version);
