using System.Net;
using VagrantNet.Providers.Libvirt.Xml;

namespace VagrantNet.Providers.Libvirt.Tests.Xml;

[TestFixture]
public class NetworkXmlBuilderTests
{
    [Test]
    public void NatNetworkWithDhcp_MatchesGoldenFile()
    {
        // Given
        var expected = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Golden", "network-private.xml"));

        // When
        var xml = NetworkXmlBuilder.Build(new NetworkSpec("vnet-10.20.30.0-24", IPNetwork.Parse("10.20.30.0/24"), "nat", Dhcp: true));

        // Then
        Assert.That(CanonicalXml.Of(xml), Is.EqualTo(CanonicalXml.Of(expected)));
    }

    [Test]
    public void IsolatedNetworkWithoutDhcp_HasNoForwardAndNoDhcpRange()
    {
        // When
        var xml = NetworkXmlBuilder.Build(new NetworkSpec("lab", IPNetwork.Parse("10.0.0.0/30"), "none", Dhcp: false));

        // Then
        Assert.That(xml.Element("forward"), Is.Null);
        Assert.That(xml.Descendants("dhcp"), Is.Empty);
        Assert.That(xml.Element("ip")?.Attribute("address")?.Value, Is.EqualTo("10.0.0.1"));
    }

    [Test]
    public void Overlay_PointsAtTheBackingBoxImage()
    {
        // When
        var xml = VolumeXmlBuilder.Overlay("lab_web.img", 2UL << 30, "/pool/box.img", "qcow2");

        // Then
        Assert.That(xml.Element("backingStore")?.Element("path")?.Value, Is.EqualTo("/pool/box.img"));
        Assert.That(xml.Element("capacity")?.Value, Is.EqualTo((2UL << 30).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
