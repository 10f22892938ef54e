using System.Xml.Linq;

namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>The domain's <c>&lt;memoryBacking&gt;</c>, <c>&lt;memtune&gt;</c> and balloon device.</summary>
internal static class MemoryXml
{
    public static XElement? MemoryBacking(DomainSpec spec) =>
        spec.MemoryBacking.Count == 0
            ? null
            : new XElement("memoryBacking", spec.MemoryBacking.Select(option =>
                new XElement(option.Name, (option.Options ?? new Dictionary<string, string>()).Select(o => new XAttribute(o.Key, o.Value)))));

    public static XElement? Memtune(DomainSpec spec) =>
        spec.Memtunes.Count == 0
            ? null
            : new XElement("memtune", spec.Memtunes.Select(tune => new XElement(tune.Type, new XAttribute("unit", tune.Unit), tune.Value)));

    public static XElement Memballoon(DomainSpec spec) =>
        spec.Memballoon is not { } balloon
            ? new XElement("memballoon", new XAttribute("model", "none"))
            : new XElement("memballoon", new XAttribute("model", balloon.Model),
                balloon.Address is null ? null : new XElement("address", new XAttribute("type", "pci"), new XAttribute("domain", "0x0000"),
                    new XAttribute("bus", balloon.Address.Bus), new XAttribute("slot", balloon.Address.Slot), new XAttribute("function", "0x0")));
}
