using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Interop;

namespace VagrantNet.Providers.Libvirt.Tests.Interop;

[Category("LibvirtTestDriver")]
public class ConnectionTests
{
    [Test]
    public void Open_TestDriver_ReportsCanonicalUri()
    {
        // Given
        using var connection = LibvirtConnection.Open(TestDriver.Uri);

        // When
        var uri = connection.GetUri();

        // Then
        Assert.That(uri, Is.EqualTo(TestDriver.Uri));
    }

    [Test]
    public void Open_TestDriverWithInvalidNodeFile_ThrowsWithLibvirtMessage()
    {
        // Given: a test-driver URI naming a file whose root is not <node>; this fails
        // in-process (an unknown scheme would fall through to the daemon socket instead).
        var path = Path.Combine(Path.GetTempPath(), $"vnet-{Guid.NewGuid():N}.xml");
        File.WriteAllText(path, "<other/>");

        try
        {
            // When
            var error = Assert.Throws<LibvirtException>(() => LibvirtConnection.Open("test://" + path));

            // Then
            Assert.That(error.Code, Is.EqualTo(LibvirtErrorCode.XmlError));
            Assert.That(error.Message, Is.EqualTo("XML error: expecting root element of 'node', not 'other'"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void GetCapabilities_ReturnsParsableCapabilitiesXml()
    {
        // Given
        using var connection = LibvirtConnection.Open(TestDriver.Uri);

        // When
        var document = XDocument.Parse(connection.GetCapabilities());

        // Then
        Assert.That(document.Root?.Name.LocalName, Is.EqualTo("capabilities"));
        Assert.That(document.Root?.Element("host"), Is.Not.Null);
    }

    [Test]
    public void GetLibVersion_ReturnsDecodedLibraryVersion()
    {
        // Given
        using var connection = LibvirtConnection.Open(TestDriver.Uri);

        // When
        var version = connection.GetLibVersion();

        // Then
        Assert.That(version.Major, Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void GetHypervisorVersion_ReturnsTestDriverVersion()
    {
        // Given
        using var connection = LibvirtConnection.Open(TestDriver.Uri);

        // When
        var version = connection.GetHypervisorVersion();

        // Then: the test driver reports a fixed hypervisor version of 2 (0.0.2).
        Assert.That(version, Is.EqualTo(new Version(0, 0, 2)));
    }

    [Test]
    public void GetHostname_ReturnsNonEmptyName()
    {
        // Given
        using var connection = LibvirtConnection.Open(TestDriver.Uri);

        // When
        var hostname = connection.GetHostname();

        // Then
        Assert.That(hostname, Is.Not.Empty);
    }

    [Test]
    public void GetDomainCapabilities_OnTestDriver_ThrowsNoSupport()
    {
        // Given
        using var connection = LibvirtConnection.Open(TestDriver.Uri);

        // When
        var error = Assert.Throws<LibvirtException>(() => connection.GetDomainCapabilities(null, "x86_64", null, "kvm"));

        // Then
        Assert.That(error.Code, Is.EqualTo(LibvirtErrorCode.NoSupport));
        Assert.That(error.Message, Does.Contain("virConnectGetDomainCapabilities"));
    }

    [Test]
    public void ListAll_OnFreshConnection_ContainsStockObjects()
    {
        // Given
        using var connection = LibvirtConnection.Open(TestDriver.Uri);

        // When
        var domains = connection.ListAllDomains();
        var networks = connection.ListAllNetworks();
        var pools = connection.ListAllStoragePools();

        // Then
        Assert.That(domains.Select(d => d.Name), Does.Contain(TestDriver.StockDomain));
        Assert.That(networks.Select(n => n.Name), Does.Contain(TestDriver.StockNetwork));
        Assert.That(pools.Select(p => p.Name), Does.Contain(TestDriver.StockPool));
        DisposeAll(domains, networks, pools);
    }

    [Test]
    public void Dispose_CalledTwice_IsHarmless()
    {
        // Given
        var connection = LibvirtConnection.Open(TestDriver.Uri);
        connection.Dispose();

        // When / Then
        Assert.DoesNotThrow(connection.Dispose);
    }

    [Test]
    public void DomainFromConnection_AfterConnectionDisposed_RemainsUsable()
    {
        // Given: libvirt keeps the connection alive while the domain holds a reference.
        var connection = LibvirtConnection.Open(TestDriver.Uri);
        using var domain = connection.TryLookupDomain(TestDriver.StockDomain)!;

        // When
        connection.Dispose();

        // Then
        Assert.That(domain.GetState().State, Is.EqualTo(DomainState.Running));
    }

    private static void DisposeAll(params IEnumerable<IDisposable>[] groups)
    {
        foreach (var item in groups.SelectMany(g => g))
        {
            item.Dispose();
        }
    }
}
