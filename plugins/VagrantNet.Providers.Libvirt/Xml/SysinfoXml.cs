using System.Xml.Linq;

namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>
/// The domain's SMBIOS tables (<c>&lt;sysinfo type='smbios'&gt;</c>), one element per block in the order first named,
/// and the <c>&lt;smbios mode='sysinfo'/&gt;</c> in <c>&lt;os&gt;</c> that makes the firmware report them.
/// </summary>
internal static class SysinfoXml
{
    private static readonly Dictionary<string, string> BlockElements = new(StringComparer.Ordinal)
    {
        ["bios"] = "bios",
        ["system"] = "system",
        ["base_board"] = "baseBoard",
        ["chassis"] = "chassis",
        ["oem_strings"] = "oemStrings",
    };

    public static XElement? Sysinfo(DomainSpec spec) =>
        spec.Sysinfo.Count == 0
            ? null
            : new XElement("sysinfo", new XAttribute("type", "smbios"),
                spec.Sysinfo.GroupBy(entry => entry.Block.Replace(' ', '_'), StringComparer.Ordinal).Select(block =>
                    new XElement(BlockElements[block.Key], block.Select(entry =>
                        new XElement("entry", entry.Name is null ? null : new XAttribute("name", entry.Name), entry.Value)))));

    public static XElement? Smbios(DomainSpec spec) =>
        spec.Sysinfo.Count == 0 ? null : new XElement("smbios", new XAttribute("mode", "sysinfo"));
}
