using System.Globalization;
using System.Xml.Linq;

namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>
/// The TPM, RNG, watchdog, inputs, sound card and floppies of a domain, as vagrant-libvirt writes them
/// (<c>domain.xml.erb</c>).
/// </summary>
internal static class DeviceXml
{
    public static XElement? Tpm(TpmDevice? tpm) => tpm is null ? null :
        new XElement("tpm", new XAttribute("model", tpm.Model),
            new XElement("backend", new XAttribute("type", tpm.Type),
                tpm.Version is null ? null : new XAttribute("version", tpm.Version),
                tpm.Path is null ? null : new XElement("device", new XAttribute("path", tpm.Path))));

    /// <summary>/dev/urandom, not vagrant-libvirt's /dev/random: it never blocks the host, and is as good once seeded.</summary>
    public static XElement? Rng(bool rng) => rng
        ? new XElement("rng", new XAttribute("model", "virtio"), new XElement("backend", new XAttribute("model", "random"), "/dev/urandom"))
        : null;

    public static XElement? Watchdog(WatchdogDevice? watchdog) => watchdog is null ? null :
        new XElement("watchdog", new XAttribute("model", watchdog.Model), new XAttribute("action", watchdog.Action));

    public static IEnumerable<XElement> Inputs(IReadOnlyList<InputDevice> inputs) =>
        inputs.Select(i => new XElement("input", new XAttribute("type", i.Type), new XAttribute("bus", i.Bus)));

    public static XElement? Sound(string? model) => model is null ? null : new XElement("sound", new XAttribute("model", model));

    /// <summary>Raw images on the floppy controller; the format is given so that QEMU never probes it.</summary>
    public static IEnumerable<XElement> Floppies(IReadOnlyList<FloppyDrive> floppies) =>
        floppies.Select(f => new XElement("disk", new XAttribute("type", "file"), new XAttribute("device", "floppy"),
            new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "raw")),
            new XElement("source", new XAttribute("file", f.Path)),
            new XElement("target", new XAttribute("dev", f.Device!), new XAttribute("bus", "fdc"))));

    /// <summary>The display's extras: a VNC WebSocket port, SPICE's OpenGL, the video card's 3D acceleration.</summary>
    public static void ExtendDisplay(XElement graphics, XElement video, GuestDevices devices)
    {
        if (devices.GraphicsWebsocket is { } websocket)
        {
            graphics.Add(new XAttribute("websocket", websocket.ToString(CultureInfo.InvariantCulture)));
        }

        if (devices.GraphicsGl)
        {
            graphics.Add(new XElement("gl", new XAttribute("enable", "yes")));
        }

        if (devices.VideoAccel3d)
        {
            video.Element("model")!.Add(new XElement("acceleration", new XAttribute("accel3d", "yes")));
        }
    }
}
