using System.Text.RegularExpressions;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Providers.Libvirt;

/// <summary>The checks of the settings in <c>LibvirtConfig.Devices.cs</c>: what libvirt or QEMU would refuse, or drop, is refused here.</summary>
public sealed partial class LibvirtConfig
{
    private static readonly string[] TpmModels = ["tpm-tis", "tpm-crb", "tpm-spapr", "spapr-tpm-proxy"];

    private static readonly string[] WatchdogModels = ["i6300esb", "ib700", "diag288", "itco"];

    private static readonly string[] WatchdogActions = ["reset", "shutdown", "poweroff", "pause", "none", "dump", "inject-nmi"];

    private static readonly string[] SoundModels = ["ich6", "ich7", "ich9", "ac97", "es1370", "sb16", "pcspk", "usb"];

    private static readonly string[] UsbControllerModels = ["qemu-xhci", "nec-xhci", "ich9-ehci1", "ich9-uhci1", "ich9-uhci2", "ich9-uhci3", "piix3-uhci", "piix4-uhci", "pci-ohci", "none"];

    private void ValidateDevices(Action<string, string> error)
    {
        ValidateTpm(error);
        CheckSetting(error, "watchdog_dev", "model", WatchdogDev?.Model, WatchdogModels);
        CheckSetting(error, "watchdog_dev", "action", WatchdogDev?.Action, WatchdogActions);
        CheckSetting(error, "sound_type", null, SoundType, SoundModels);
        ValidateDisplay(error);
        ValidateChannels(error);
        ValidateSerials(error);
        ValidateInputs(error);
        ValidateFloppies(error);
        ValidatePassthrough(error);
    }

    private void ValidateTpm(Action<string, string> error)
    {
        CheckSetting(error, "tpm_model", null, TpmModel, TpmModels);
        CheckSetting(error, "tpm_type", null, TpmType, ["passthrough", "emulator"]);
        CheckSetting(error, "tpm_version", null, TpmVersion, ["1.2", "2.0"]);
        var emulator = TpmType == "emulator";
        if (TpmPath is not null && emulator)
        {
            error("tpm_path", "names a host TPM for tpm_type passthrough; an emulator TPM is libvirt's own swtpm: leave tpm_path unset");
        }
        else if (TpmPath is not null && !Path.IsPathRooted(TpmPath))
        {
            error("tpm_path", $"must be the absolute path of the host's TPM device, such as /dev/tpm0, got {UserText.Quote(TpmPath)}");
        }

        if (TpmVersion is not null && !emulator)
        {
            error("tpm_version", "is the version of an emulated TPM: set tpm_type \"emulator\" too (a passthrough TPM is the host's, of the host's version)");
        }

        if (TpmPath is null && TpmVersion is null && (TpmModel is not null || TpmType is not null))
        {
            error(TpmModel is not null ? "tpm_model" : "tpm_type", "adds no TPM by itself (vagrant-libvirt's rule): set tpm_version with tpm_type \"emulator\", or tpm_path for a passthrough TPM");
        }

        if (TpmVersion == "1.2" && TpmModel == "tpm-crb")
        {
            error("tpm_version", "1.2 has no CRB interface: use tpm_model tpm-tis, or tpm_version 2.0");
        }
    }

    private void ValidateDisplay(Action<string, string> error)
    {
        if (GraphicsAutoport == true && GraphicsPort is not null and not -1)
        {
            error("graphics_autoport", $"is on, so libvirt picks the port: it would not use graphics_port {GraphicsPort}; unset one of them");
        }
        else if (GraphicsAutoport == false && GraphicsPort is null or -1)
        {
            error("graphics_autoport", "is off, so the display needs a fixed graphics_port (5900 or above)");
        }

        if (GraphicsWebsocket is not null)
        {
            if ((GraphicsType ?? "vnc") != "vnc")
            {
                error("graphics_websocket", "is a VNC display's WebSocket port: graphics_type is not vnc");
            }
            else if (GraphicsWebsocket is not (-1 or (>= 1024 and <= 65535)))
            {
                error("graphics_websocket", $"must be -1 (let libvirt choose) or a port between 1024 and 65535, got {GraphicsWebsocket}");
            }
        }

        if (GraphicsGl == true && GraphicsType != "spice")
        {
            error("graphics_gl", "OpenGL is a SPICE display's: set graphics_type \"spice\" (libvirt refuses gl on VNC)");
        }

        if (VideoAccel3d == true && VideoType is not null and not "virtio")
        {
            error("video_accel3d", $"needs a virtio video card (video_type \"virtio\"), got video_type {UserText.Quote(VideoType)}");
        }
    }

    private void ValidateChannels(Action<string, string> error)
    {
        foreach (var (channel, index) in Channels.Select((c, i) => (c, i + 1)))
        {
            void Error(string message) => error("channel", $"channel {index}: {message}");

            if (channel.Disabled)
            {
                // Only the name matters: it keeps the automatic channel of that family out.
                continue;
            }

            if (channel.Type is not ("unix" or "spicevmc" or "pty"))
            {
                Error($"type {UserText.Quote(channel.Type)} must be unix, spicevmc or pty");
            }

            if (channel.TargetType is not ("virtio" or "guestfwd"))
            {
                Error($"target_type {UserText.Quote(channel.TargetType)} must be virtio or guestfwd");
            }
            else if (channel.TargetType == "virtio" && channel.TargetName is null)
            {
                Error("a virtio channel needs a target_name, the port the guest sees (e.g. org.qemu.guest_agent.0)");
            }
            else if (channel.TargetType == "guestfwd" && (channel.TargetAddress is null || channel.TargetPort is null || channel.SourcePath is null))
            {
                Error("guestfwd requires target_address, target_port and source_path");
            }

            if (channel.TargetType == "guestfwd" && channel.TargetAddress is not null && !System.Net.IPAddress.TryParse(channel.TargetAddress, out _))
            {
                Error($"target_address {UserText.Quote(channel.TargetAddress)} is not an IP address");
            }

            if (channel.TargetPort is not null and not (>= 1 and <= 65535))
            {
                Error($"target_port must be between 1 and 65535, got {channel.TargetPort}");
            }

            if (channel.Type == "spicevmc" && GraphicsType != "spice")
            {
                Error("a spicevmc channel needs a SPICE display: set graphics_type \"spice\"");
            }

            if (channel.Type != "unix" && (channel.SourcePath is not null || channel.SourceMode is not null))
            {
                Error("source_path and source_mode are a unix channel's socket");
            }

            if (channel.SourcePath is not null && !Path.IsPathRooted(channel.SourcePath))
            {
                Error($"source_path {UserText.Quote(channel.SourcePath)} must be an absolute path on the libvirt host");
            }

            if (channel.SourceMode is not null and not ("bind" or "connect"))
            {
                Error($"source_mode {UserText.Quote(channel.SourceMode)} must be bind or connect");
            }
        }

        var names = EffectiveChannels().Where(c => c.TargetName is not null).GroupBy(c => c.TargetName).Where(g => g.Count() > 1).Select(g => g.Key);
        foreach (var name in names)
        {
            error("channel", $"two channels are named {name}: a virtio port name is used once");
        }
    }

    private void ValidateSerials(Action<string, string> error)
    {
        foreach (var (serial, index) in Serials.Select((s, i) => (s, i + 1)))
        {
            void Error(string message) => error("serial", $"serial {index}: {message}");

            switch (serial.Type)
            {
                case "pty":
                    if (serial.Path is not null || serial.Port is not null || serial.Host is not null)
                    {
                        Error("a pty serial takes no path, host or port");
                    }

                    break;
                case "file":
                    if (serial.Path is null || !Path.IsPathRooted(serial.Path))
                    {
                        Error($"a file serial needs the absolute path of the file on the libvirt host, got {UserText.Quote(serial.Path)}");
                    }

                    if (serial.Port is not null || serial.Host is not null)
                    {
                        Error("a file serial takes no host or port");
                    }

                    break;
                case "tcp":
                    if (serial.Port is not (>= 1 and <= 65535))
                    {
                        Error($"a tcp serial needs a port between 1 and 65535, got {serial.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
                    }

                    if (serial.Host is not null && !System.Net.IPAddress.TryParse(serial.Host, out _))
                    {
                        Error($"host {UserText.Quote(serial.Host)} is not an IP address to listen on");
                    }

                    if (serial.Path is not null)
                    {
                        Error("a tcp serial takes no path");
                    }

                    break;
                default:
                    Error($"type {UserText.Quote(serial.Type)} must be pty, file or tcp");
                    break;
            }
        }

        var twice = Serials.Where(s => s.Type == "file" && s.Path is not null).GroupBy(s => s.Path).Where(g => g.Count() > 1).Select(g => g.Key);
        foreach (var path in twice)
        {
            error("serial", $"two serials write to {path}: give each its own file");
        }
    }

    private void ValidateInputs(Action<string, string> error)
    {
        foreach (var (input, index) in Inputs.Select((d, i) => (d, i + 1)))
        {
            void Error(string message) => error("input", $"input {index}: {message}");

            if (input.Type is not ("mouse" or "tablet" or "keyboard"))
            {
                Error($"type {UserText.Quote(input.Type)} must be mouse, tablet or keyboard");
            }

            if (input.Bus is not ("ps2" or "usb" or "virtio"))
            {
                Error($"bus {UserText.Quote(input.Bus)} must be ps2, usb or virtio");
            }
            else if (input.Bus == "ps2" && input.Type == "tablet")
            {
                Error("a tablet is a usb or virtio device; PS/2 has mice and keyboards only");
            }
        }
    }

    private void ValidateFloppies(Action<string, string> error)
    {
        if (Floppies.Count > 2)
        {
            error("storage", "a machine has at most two floppy drives (fda, fdb)");
        }

        foreach (var (floppy, index) in Floppies.Select((f, i) => (f, i + 1)))
        {
            if (floppy.Path is null || !Path.IsPathRooted(floppy.Path))
            {
                error("storage", $"floppy {index}: path {UserText.Quote(floppy.Path)} must be the absolute path of a floppy image on the libvirt host");
            }

            if (floppy.Device is not null and not ("fda" or "fdb"))
            {
                error("storage", $"floppy {index}: device {UserText.Quote(floppy.Device)} must be fda or fdb");
            }
        }

        if (Floppies.Count == 2 && Floppies[0].Device is not null && Floppies[0].Device == Floppies[1].Device)
        {
            error("storage", $"floppy 2: device {Floppies[1].Device} is floppy 1's; give each its own");
        }
    }

    private void ValidatePassthrough(Action<string, string> error)
    {
        if (UsbctlDev is { } usbctl)
        {
            CheckSetting(error, "usbctl_dev", "model", usbctl.Model, UsbControllerModels);
            if (usbctl.Ports is not null and not (>= 1 and <= 15))
            {
                error("usbctl_dev", $"ports must be between 1 and 15, got {usbctl.Ports}");
            }

            if (usbctl.Model == "none" && (Usbs.Count > 0 || Redirdevs.Count > 0))
            {
                error("usbctl_dev", "model none leaves no USB bus for the machine's usb or redirdev devices");
            }
        }

        foreach (var (usb, index) in Usbs.Select((u, i) => (u, i + 1)))
        {
            void Error(string message) => error("usb", $"usb {index}: {message}");

            if ((usb.Bus is null || usb.Device is null) && usb.Vendor is null && usb.Product is null)
            {
                Error("bus and device and/or vendor and/or product must be given; lsusb shows them");
            }

            if ((usb.Bus is null) != (usb.Device is null))
            {
                Error("bus and device go together: give both or neither");
            }

            foreach (var (option, value) in new[] { ("bus", usb.Bus), ("device", usb.Device) })
            {
                if (value is not null && !Networks.NetworkOptions.TryPciNumber(value, out _))
                {
                    Error($"{option} {UserText.Quote(value)} must be a number (decimal or 0x-hex)");
                }
            }

            foreach (var (option, value) in new[] { ("vendor", usb.Vendor), ("product", usb.Product) })
            {
                if (value is not null && !UsbId().IsMatch(value))
                {
                    Error($"{option} {UserText.Quote(value)} must be a 0x-hex id of four digits, such as 0x1234");
                }
            }

            if (usb.StartupPolicy is not null and not ("mandatory" or "requisite" or "optional"))
            {
                Error($"startupPolicy {UserText.Quote(usb.StartupPolicy)} must be mandatory, requisite or optional");
            }
        }

        foreach (var (redirdev, index) in Redirdevs.Select((r, i) => (r, i + 1)))
        {
            if (redirdev.Type != "spicevmc")
            {
                error("redirdev", $"redirdev {index}: type {UserText.Quote(redirdev.Type)} is not supported: spicevmc is the one vagrant-libvirt's options can describe (tcp needs a source it has no option for)");
            }
            else if (GraphicsType != "spice")
            {
                error("redirdev", $"redirdev {index}: spicevmc redirection needs a SPICE display: set graphics_type \"spice\"");
            }
        }

        if (Redirfilters.Count > 0 && Redirdevs.Count == 0)
        {
            error("redirfilter", "filters USB redirection, and this machine has no redirdev");
        }

        foreach (var (filter, index) in Redirfilters.Select((f, i) => (f, i + 1)))
        {
            foreach (var (option, value, pattern) in new[] { ("class", filter.Class, UsbClass()), ("vendor", filter.Vendor, UsbId()), ("product", filter.Product, UsbId()) })
            {
                if (value != "-1" && !pattern.IsMatch(value))
                {
                    error("redirfilter", $"redirfilter {index}: {option} {UserText.Quote(value)} must be -1 (any) or a 0x-hex number");
                }
            }

            if (filter.Version != "-1" && !UsbVersion().IsMatch(filter.Version))
            {
                error("redirfilter", $"redirfilter {index}: version {UserText.Quote(filter.Version)} must be -1 (any) or a version such as 2.0");
            }
        }

        foreach (var (pci, index) in Pcis.Select((p, i) => (p, i + 1)))
        {
            var parts = new (string, string?, int)[] { ("domain", pci.Domain, 0xffff), ("bus", pci.Bus, 0xff), ("slot", pci.Slot, 0x1f), ("function", pci.Function, 7) };
            var guest = new[] { ("guest_domain", pci.GuestDomain, 0xffff), ("guest_bus", pci.GuestBus, 0xff), ("guest_slot", pci.GuestSlot, 0x1f), ("guest_function", pci.GuestFunction, 7) };
            foreach (var (option, value, max) in parts.Concat(guest.Where(g => g.Item2 is not null)))
            {
                if (value is null || !Networks.NetworkOptions.TryPciNumber(value, out var number) || number > max)
                {
                    error("pci", $"pci {index}: {option} {UserText.Quote(value)} must be a number from 0 to 0x{max:x} (lspci shows them)");
                }
            }
        }

        if (SmartcardDev is { } card)
        {
            if (card.Mode != "passthrough")
            {
                error("smartcard_dev", $"mode {UserText.Quote(card.Mode)} is not supported: passthrough is the one vagrant-libvirt has");
            }

            if (card.Type is not ("spicevmc" or "tcp"))
            {
                error("smartcard_dev", $"type {UserText.Quote(card.Type)} must be spicevmc or tcp");
            }
            else if (card.Type == "tcp" && (card.SourceMode is null || card.SourceHost is null || card.SourceService is null))
            {
                error("smartcard_dev", "type tcp needs source_mode, source_host and source_service");
            }
            else if (card.Type == "spicevmc" && GraphicsType != "spice")
            {
                error("smartcard_dev", "a spicevmc smartcard needs a SPICE display: set graphics_type \"spice\"");
            }

            if (card.SourceMode is not null and not ("bind" or "connect"))
            {
                error("smartcard_dev", $"source_mode {UserText.Quote(card.SourceMode)} must be bind or connect");
            }
        }

        foreach (var prefix in HostDeviceExcludePrefixes ?? [])
        {
            if (string.IsNullOrWhiteSpace(prefix))
            {
                error("host_device_exclude_prefixes", "holds an empty prefix, which would exclude every host device");
            }
        }
    }

    private static void CheckSetting(Action<string, string> error, string setting, string? option, string? value, string[] known)
    {
        if (value is not null && !known.Contains(value, StringComparer.Ordinal))
        {
            error(setting, $"{(option is null ? string.Empty : option + " ")}{UserText.Quote(value)} must be one of {string.Join(", ", known)}");
        }
    }

    [GeneratedRegex("^0x[0-9A-Fa-f]{4}$")]
    private static partial Regex UsbId();

    [GeneratedRegex("^0x[0-9A-Fa-f]{2}$")]
    private static partial Regex UsbClass();

    [GeneratedRegex("^[0-9]{1,2}\\.[0-9]{1,2}$")]
    private static partial Regex UsbVersion();
}
