using System.Xml.Linq;

namespace VagrantNet.Providers.Libvirt.Tests.Xml;

/// <summary>Compares XML by meaning: element order kept, attribute order and whitespace ignored.</summary>
internal static class CanonicalXml
{
    public static string Of(XElement element) => Canonical(element).ToString(SaveOptions.None);

    public static string Of(string xml) => Of(XElement.Parse(xml));

    private static XElement Canonical(XElement element) =>
        new(element.Name,
            element.Attributes().OrderBy(a => a.Name.ToString(), StringComparer.Ordinal),
            element.Elements().Select(Canonical),
            element.HasElements ? null : element.Value.Trim());
}
