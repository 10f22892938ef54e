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
    public void NetworkOptions_ReachTheNetworkXml_AsVagrantLibvirtWritesThem()
    {
        // Given
        var spec = new NetworkSpec("lab", IPNetwork.Parse("10.20.5.0/24"), "route", Dhcp: true)
        {
            HostIp = IPAddress.Parse("10.20.5.254"),
            DhcpFirst = IPAddress.Parse("10.20.5.100"),
            DhcpLast = IPAddress.Parse("10.20.5.199"),
            DomainName = "test.local",
            Mtu = 9000,
            GuestIpv6 = false,
            Ipv6 = (IPAddress.Parse("2001:db8:ca2:6::1"), 64),
            ForwardDevice = "eth0",
            BridgeStp = false,
            BridgeDelay = 2,
            TftpRoot = "/srv/tftp",
            BootpFile = "pxelinux.0",
            BootpServer = "10.20.5.254",
        };

        // When
        var xml = NetworkXmlBuilder.Build(spec);

        // Then
        Assert.That(CanonicalXml.Of(xml), Is.EqualTo(CanonicalXml.Of("""
            <network ipv6="no">
              <name>lab</name>
              <forward mode="route" dev="eth0" />
              <bridge stp="off" delay="2" />
              <mtu size="9000" />
              <domain name="test.local" localOnly="yes" />
              <ip address="10.20.5.254" prefix="24">
                <tftp root="/srv/tftp" />
                <dhcp>
                  <range start="10.20.5.100" end="10.20.5.199" />
                  <bootp file="pxelinux.0" server="10.20.5.254" />
                </dhcp>
              </ip>
              <ip family="ipv6" address="2001:db8:ca2:6::1" prefix="64" />
            </network>
            """)));
    }

    [Test]
    public void VeryIsolatedNetwork_IsASwitchWithNeitherForwardNorHostAddress()
    {
        // When
        var withSubnet = NetworkXmlBuilder.Build(new NetworkSpec("l2", IPNetwork.Parse("10.9.0.0/24"), NetworkSpec.VeryIsolated, Dhcp: true));
        var withoutSubnet = NetworkXmlBuilder.Build(new NetworkSpec("l2", null, NetworkSpec.VeryIsolated, Dhcp: true));

        // Then
        foreach (var xml in new[] { withSubnet, withoutSubnet })
        {
            Assert.That(xml.Element("forward"), Is.Null);
            Assert.That(xml.Elements("ip"), Is.Empty);
            Assert.That(xml.Element("bridge"), Is.Not.Null);
        }
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
