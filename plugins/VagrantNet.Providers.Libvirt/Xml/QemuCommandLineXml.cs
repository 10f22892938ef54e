using System.Xml.Linq;

namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>
/// Raw QEMU arguments and environment (<c>&lt;qemu:commandline&gt;</c>, in libvirt's QEMU namespace): libvirt passes them
/// to QEMU unchecked, and marks the domain tainted.
/// </summary>
internal static class QemuCommandLineXml
{
    public static readonly XNamespace Qemu = "http://libvirt.org/schemas/domain/qemu/1.0";

    public static XElement? CommandLine(DomainSpec spec) =>
        spec.QemuArgs.Count == 0 && spec.QemuEnv.Count == 0
            ? null
            : new XElement(Qemu + "commandline",
                spec.QemuArgs.Select(arg => new XElement(Qemu + "arg", new XAttribute("value", arg))),
                spec.QemuEnv.Select(env => new XElement(Qemu + "env", new XAttribute("name", env.Name), new XAttribute("value", env.Value))));

    /// <summary>The <c>xmlns:qemu</c> declaration the domain element needs when it has a command line.</summary>
    public static XAttribute? Declaration(DomainSpec spec) =>
        spec.QemuArgs.Count == 0 && spec.QemuEnv.Count == 0 ? null : new XAttribute(XNamespace.Xmlns + "qemu", Qemu.NamespaceName);
}
