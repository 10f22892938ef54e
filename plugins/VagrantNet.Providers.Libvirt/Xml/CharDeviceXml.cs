using System.Globalization;
using System.Xml.Linq;

namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>Serial ports with their console, and guest-host channels: libvirt's character devices.</summary>
internal static class CharDeviceXml
{
    /// <summary>
    /// One <c>&lt;serial&gt;</c> per port in order, and the console on the first, as vagrant-libvirt; vnet's serial
    /// log (<paramref name="logFile"/>) is the first port's, so a failed boot can show it whatever the port's type.
    /// </summary>
    public static IEnumerable<XElement> Serials(IReadOnlyList<SerialDevice> serials, string? logFile)
    {
        foreach (var (serial, port) in serials.Select((s, i) => (s, i)))
        {
            var element = new XElement("serial", new XAttribute("type", serial.Type), Source(serial),
                new XElement("target", new XAttribute("port", port)));
            if (port == 0 && logFile is not null)
            {
                element.Add(new XElement("log", new XAttribute("file", logFile), new XAttribute("append", "off")));
            }

            yield return element;
        }

        var first = serials[0];
        yield return new XElement("console", new XAttribute("type", first.Type), Source(first),
            new XElement("target", new XAttribute("type", "serial"), new XAttribute("port", 0)));
    }

    private static IEnumerable<XElement> Source(SerialDevice serial) => serial.Type switch
    {
        "file" => [new XElement("source", new XAttribute("path", serial.Path!), new XAttribute("append", serial.Append ? "on" : "off"))],
        // A raw TCP server: a client sees the guest's bytes as they are (telnet would negotiate first).
        "tcp" => [new XElement("source", new XAttribute("mode", "bind"), new XAttribute("host", serial.Host ?? "127.0.0.1"),
                new XAttribute("service", serial.Port!.Value.ToString(CultureInfo.InvariantCulture))),
            new XElement("protocol", new XAttribute("type", "raw"))],
        _ => [],
    };

    public static IEnumerable<XElement> Channels(IReadOnlyList<ChannelDevice> channels) =>
        channels.Select(c => new XElement("channel", new XAttribute("type", c.Type),
            c.SourceMode is null && c.SourcePath is null ? null : new XElement("source",
                c.SourceMode is null ? null : new XAttribute("mode", c.SourceMode),
                c.SourcePath is null ? null : new XAttribute("path", c.SourcePath)),
            new XElement("target", new XAttribute("type", c.TargetType ?? "virtio"),
                c.TargetName is null ? null : new XAttribute("name", c.TargetName),
                c.TargetAddress is null ? null : new XAttribute("address", c.TargetAddress),
                c.TargetPort is null ? null : new XAttribute("port", c.TargetPort.Value))));
}
