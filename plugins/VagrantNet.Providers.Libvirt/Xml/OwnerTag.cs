using System.Xml.Linq;

namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>
/// Who made a libvirt object: vnet writes this into the <c>&lt;metadata&gt;</c> of every domain and network it
/// defines, so that a later vnet can tell its own leftovers (after a crash, or a deleted <c>.vnet</c>) from objects
/// that other tools or users made, and never removes the latter.
/// </summary>
public sealed record OwnerTag(string Project, string Machine)
{
    public static readonly XNamespace Namespace = "https://vnet.dev/xmlns/libvirt/1";

    public XElement ToMetadata() =>
        new("metadata", new XElement(Namespace + "owner",
            new XAttribute(XNamespace.Xmlns + "vnet", Namespace),
            new XAttribute("project", Project),
            new XAttribute("machine", Machine)));

    /// <summary>The tag in a domain's or network's XML, or null when vnet did not make it.</summary>
    public static OwnerTag? Read(XElement root) =>
        root.Element("metadata")?.Element(Namespace + "owner") is { } owner
        && owner.Attribute("project")?.Value is { } project
        && owner.Attribute("machine")?.Value is { } machine
            ? new OwnerTag(project, machine)
            : null;
}
