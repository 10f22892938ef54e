using System.Xml.Linq;

namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>Storage volume and pool XML.</summary>
public static class VolumeXmlBuilder
{
    /// <summary>A plain volume of <paramref name="capacityBytes"/> in <paramref name="format"/>.</summary>
    public static XElement Volume(string name, ulong capacityBytes, string format, ulong? allocationBytes = null) =>
        new("volume",
            new XElement("name", name),
            new XElement("allocation", allocationBytes ?? 0),
            new XElement("capacity", new XAttribute("unit", "bytes"), capacityBytes),
            new XElement("target", new XElement("format", new XAttribute("type", format))));

    /// <summary>A qcow2 overlay whose reads fall through to <paramref name="backingPath"/> (copy on write).</summary>
    public static XElement Overlay(string name, ulong capacityBytes, string backingPath, string backingFormat) =>
        new("volume",
            new XElement("name", name),
            new XElement("allocation", 0),
            new XElement("capacity", new XAttribute("unit", "bytes"), capacityBytes),
            new XElement("target", new XElement("format", new XAttribute("type", "qcow2"))),
            new XElement("backingStore",
                new XElement("path", backingPath),
                new XElement("format", new XAttribute("type", backingFormat))));

    /// <summary>A directory storage pool at <paramref name="path"/>.</summary>
    public static XElement DirectoryPool(string name, string path) =>
        new("pool", new XAttribute("type", "dir"),
            new XElement("name", name),
            new XElement("target", new XElement("path", path)));
}
