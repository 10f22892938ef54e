using System.Globalization;
using System.Xml.Linq;

namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>
/// The device groups of <see cref="GuestDevices"/> in <see cref="DomainDefinitionUpdate"/>: each is read the same way
/// from the defined domain and from the config's XML, leaving out what libvirt adds by itself (guest addresses it
/// assigns, the PS/2 keyboard and mouse of the machine, the USB controller it picks, the paths of its own
/// channel sockets), and a group that differs is copied over as a whole.
/// </summary>
internal static class DeviceDefinitionUpdate
{
    /// <param name="Key">Reads the group from a domain; the second argument is the desired XML, which says which optional parts to compare.</param>
    /// <param name="Selects">The device elements of the group, replaced as a whole.</param>
    private sealed record Group(string Name, Func<XElement, XElement, string> Key, Func<XElement, bool> Selects);

    private static readonly Group[] Groups =
    [
        new("tpm", (d, _) => List(d, "tpm", Tpm), e => e.Name == "tpm"),
        new("rng", (d, _) => List(d, "rng", r => $"{r.Attribute("model")?.Value} {r.Element("backend")?.Value.Trim()}"), e => e.Name == "rng"),
        new("watchdog_dev", (d, _) => List(d, "watchdog", w => IsImplicitWatchdog(d, w) ? null : $"{w.Attribute("model")?.Value} {w.Attribute("action")?.Value ?? "reset"}"), e => e.Name == "watchdog"),
        new("channels", (d, _) => List(d, "channel", Channel), e => e.Name == "channel"),
        new("serials", (d, _) => List(d, "serial", Serial), e => e.Name.LocalName is "serial" or "console"),
        new("inputs", (d, _) => List(d, "input", Input), e => e.Name == "input" && e.Attribute("bus")?.Value != "ps2"),
        new("sound_type", (d, _) => List(d, "sound", s => s.Attribute("model")?.Value), e => e.Name == "sound"),
        new("floppies", (d, _) => List(d, "disk", Floppy), e => e.Name == "disk" && e.Attribute("device")?.Value == "floppy"),
        new("usbctl_dev", (d, _) => UsbController(d), e => e.Name == "controller" && e.Attribute("type")?.Value == "usb"),
        new("usbs", (d, _) => List(d, "hostdev", UsbHostdev), e => e.Name == "hostdev" && e.Attribute("type")?.Value == "usb"),
        new("pcis", (d, desired) => List(d, "hostdev", h => PciHostdev(h, desired)), e => e.Name == "hostdev" && e.Attribute("type")?.Value == "pci"),
        new("redirdevs", (d, _) => List(d, "redirdev", r => $"{r.Attribute("bus")?.Value} {r.Attribute("type")?.Value}"), e => e.Name == "redirdev"),
        new("redirfilters", (d, _) => List(d, "redirfilter", RedirFilter), e => e.Name == "redirfilter"),
        new("smartcard_dev", (d, _) => List(d, "smartcard", Smartcard), e => e.Name == "smartcard"),
        new("graphics_websocket", (d, _) => List(d, "graphics", g => g.Attribute("websocket")?.Value), e => e.Name == "graphics"),
        new("graphics_gl", (d, _) => List(d, "graphics", g => g.Element("gl")?.Attribute("enable")?.Value == "yes" ? "on" : null), e => e.Name == "graphics"),
        new("video_accel3d", (d, _) => List(d, "video", v => v.Element("model")?.Element("acceleration")?.Attribute("accel3d")?.Value == "yes" ? "on" : null), e => e.Name == "video"),
    ];

    /// <summary>Copies each group of <paramref name="desired"/> that differs into <paramref name="current"/>, and says which.</summary>
    public static IEnumerable<DomainSettingChange> Apply(XElement current, XElement desired)
    {
        foreach (var group in Groups)
        {
            var was = group.Key(current, desired);
            var now = group.Key(desired, desired);
            if (was == now)
            {
                continue;
            }

            var devices = current.Element("devices") ?? new XElement("devices");
            if (devices.Parent is null)
            {
                current.Add(devices);
            }

            var old = devices.Elements().Where(group.Selects).ToList();
            var wanted = (desired.Element("devices")?.Elements() ?? []).Where(group.Selects).Select(e => new XElement(e)).ToList();
            if (old.Count > 0)
            {
                old[0].AddBeforeSelf(wanted);
            }
            else
            {
                devices.Add(wanted);
            }

            old.ForEach(e => e.Remove());
            yield return new DomainSettingChange(group.Name, was, now);
        }
    }

    /// <summary>The group's devices read by <paramref name="read"/> (null: not one of the config's), sorted; "none" when there is none.</summary>
    private static string List(XElement domain, string name, Func<XElement, string?> read)
    {
        var items = (domain.Element("devices")?.Elements(name) ?? []).Select(read).OfType<string>().ToList();
        return items.Count == 0 ? "none" : string.Join(", ", items);
    }

    private static string? Attr(XElement? element, string name) => element?.Attribute(name)?.Value;

    private static string Tpm(XElement tpm)
    {
        var backend = tpm.Element("backend");
        var type = Attr(backend, "type");
        var version = type == "emulator" ? Attr(backend, "version") : null;
        return Join(Attr(tpm, "model") ?? "tpm-tis", type, version, Attr(backend?.Element("device"), "path"));
    }

    /// <summary>libvirt 9.2 and later give a q35 machine the ICH9's iTCO watchdog by itself.</summary>
    private static bool IsImplicitWatchdog(XElement domain, XElement watchdog) =>
        Attr(watchdog, "model") == "itco" && Attr(domain.Element("os")?.Element("type"), "machine")?.Contains("q35", StringComparison.Ordinal) == true;

    /// <summary>The socket path of a channel is compared only when it is not libvirt's own (it names one per domain).</summary>
    private static string Channel(XElement channel)
    {
        var path = Attr(channel.Element("source"), "path");
        if (path is not null && (path.StartsWith("/var/lib/libvirt/qemu/channel/", StringComparison.Ordinal) || path.StartsWith("/run/libvirt/qemu/channel/", StringComparison.Ordinal)))
        {
            path = null;
        }

        var target = channel.Element("target");
        return Join(Attr(channel, "type"), Attr(target, "type"), Attr(target, "name"), Attr(target, "address"), Attr(target, "port"), path);
    }

    /// <summary>A pty's path is the live one libvirt fills in; a file's or a TCP server's source is the config's.</summary>
    private static string Serial(XElement serial)
    {
        var type = Attr(serial, "type");
        var source = serial.Element("source");
        var described = type switch
        {
            "file" => Join(Attr(source, "path"), Attr(source, "append") == "off" ? "truncated" : null),
            "tcp" => Join(Attr(source, "host") + ":" + Attr(source, "service")),
            _ => null,
        };
        var log = Attr(serial.Element("log"), "file");
        return Join("port " + (Attr(serial.Element("target"), "port") ?? "0"), type, described, log is null ? null : "log " + log);
    }

    /// <summary>Every x86 machine has a PS/2 keyboard and mouse, which libvirt lists whether or not they were asked for.</summary>
    private static string? Input(XElement input) => Attr(input, "bus") == "ps2" ? null : Join(Attr(input, "type"), Attr(input, "bus"));

    private static string? Floppy(XElement disk) => Attr(disk, "device") != "floppy" ? null
        : Join(Attr(disk.Element("target"), "dev"), Attr(disk.Element("source"), "file"));

    /// <summary>The first USB controller, libvirt's default model for the machine (which it adds unasked) read as "default".</summary>
    private static string UsbController(XElement domain)
    {
        var controller = domain.Element("devices")?.Elements("controller")
            .FirstOrDefault(c => Attr(c, "type") == "usb" && c.Element("master") is null);
        var model = Attr(controller, "model");
        var q35 = Attr(domain.Element("os")?.Element("type"), "machine")?.Contains("q35", StringComparison.Ordinal) == true;
        var libvirtDefault = q35 ? model is "qemu-xhci" or "ich9-ehci1" : model is "piix3-uhci";
        return controller is null || model is null || (libvirtDefault && Attr(controller, "ports") is null) ? "default" : Join(model, Attr(controller, "ports") is { } ports ? "ports " + ports : null);
    }

    private static string? UsbHostdev(XElement hostdev)
    {
        if (Attr(hostdev, "type") != "usb")
        {
            return null;
        }

        var source = hostdev.Element("source");
        return Join(
            Number(Attr(source?.Element("vendor"), "id")) is { } vendor ? "vendor " + vendor : null,
            Number(Attr(source?.Element("product"), "id")) is { } product ? "product " + product : null,
            source?.Element("address") is { } address ? $"at {Number(Attr(address, "bus"))}.{Number(Attr(address, "device"))}" : null,
            Attr(source, "startupPolicy") ?? "mandatory");
    }

    /// <summary>The guest address is compared in the parts the config gives: libvirt assigns the rest.</summary>
    private static string? PciHostdev(XElement hostdev, XElement desired)
    {
        if (Attr(hostdev, "type") != "pci")
        {
            return null;
        }

        var host = hostdev.Element("source")?.Element("address");
        var hostAddress = string.Join(':', new[] { "domain", "bus", "slot", "function" }.Select(p => Number(Attr(host, p))));
        var wanted = desired.Element("devices")?.Elements("hostdev")
            .FirstOrDefault(h => Attr(h, "type") == "pci" && string.Join(':', new[] { "domain", "bus", "slot", "function" }.Select(p => Number(Attr(h.Element("source")?.Element("address"), p)))) == hostAddress);
        var parts = new[] { "domain", "bus", "slot", "function" }.Where(p => Attr(wanted?.Element("address"), p) is not null);
        var guest = string.Join(' ', parts.Select(p => $"guest_{p} {Number(Attr(hostdev.Element("address"), p))}"));
        return Join(hostAddress, guest.Length == 0 ? null : guest);
    }

    private static string RedirFilter(XElement filter) => string.Join("; ", filter.Elements("usbdev").Select(u => Join(
        Number(Attr(u, "class")) ?? "any", Number(Attr(u, "vendor")) ?? "any", Number(Attr(u, "product")) ?? "any", Version(Attr(u, "version")), Attr(u, "allow") == "yes" ? "allow" : "deny")));

    private static string Smartcard(XElement card)
    {
        var source = card.Element("source");
        return Join(Attr(card, "mode"), Attr(card, "type"), Attr(source, "mode"), Attr(source, "host"), Attr(source, "service"));
    }

    /// <summary>libvirt writes numbers in its own form (0x0001, 1): both sides are read as a number; -1 is any (libvirt leaves it out).</summary>
    private static string? Number(string? text) =>
        text is null ? null
        : text == "-1" ? "any"
        : Networks.NetworkOptions.TryPciNumber(text, out var number) ? number.ToString(CultureInfo.InvariantCulture)
        : text;

    private static string? Version(string? text) =>
        text is null or "-1" ? "any"
        : decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var version) ? version.ToString("0.00", CultureInfo.InvariantCulture)
        : text;

    private static string Join(params string?[] parts) => string.Join(' ', parts.Where(p => !string.IsNullOrEmpty(p)));
}
