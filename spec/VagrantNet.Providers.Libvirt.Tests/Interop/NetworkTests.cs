using VagrantNet.Providers.Libvirt.Interop;

namespace VagrantNet.Providers.Libvirt.Tests.Interop;

[Category("LibvirtTestDriver")]
public class NetworkTests
{
    private LibvirtConnection _connection = null!;
    private string _name = null!;

    [SetUp]
    public void OpenConnection()
    {
        _connection = LibvirtConnection.Open(TestDriver.Uri);
        _name = TestDriver.UniqueName("vnet-net");
    }

    [TearDown]
    public void CloseConnection() => _connection.Dispose();

    [Test]
    public void Lifecycle_DefineCreateDestroyUndefine_TracksActivityAndRemovesNetwork()
    {
        // Given
        using var network = _connection.DefineNetwork(TestDriver.NetworkXml(_name, "virbr97"));
        Assert.That(network.IsActive(), Is.False);

        // When / Then
        network.Create();
        Assert.That(network.IsActive(), Is.True);

        network.SetAutostart(true);
        network.SetAutostart(false);

        network.Destroy();
        Assert.That(network.IsActive(), Is.False);

        network.Undefine();
        Assert.That(_connection.TryLookupNetwork(_name), Is.Null);
    }

    [Test]
    public void DefinedNetwork_ReportsNameBridgeAndXml()
    {
        // Given
        using var network = _connection.DefineNetwork(TestDriver.NetworkXml(_name, "virbr98"));

        // When
        using var found = _connection.TryLookupNetwork(_name);

        // Then
        Assert.That(found?.Name, Is.EqualTo(_name));
        Assert.That(found!.GetBridgeName(), Is.EqualTo("virbr98"));
        Assert.That(found.GetXmlDesc(), Does.Contain("192.168.99.1"));
    }

    [Test]
    public void Uuid_IsTheOneTheXmlGave()
    {
        // Given
        var uuid = Guid.NewGuid().ToString();
        using var network = _connection.DefineNetwork(TestDriver.NetworkXml(_name, "virbr98").Replace("<network>", $"<network><uuid>{uuid}</uuid>", StringComparison.Ordinal));

        // When
        using var found = _connection.TryLookupNetwork(_name);

        // Then
        Assert.That(found!.Uuid, Is.EqualTo(uuid));
    }

    [Test]
    public void DefineNetwork_Malformed_ThrowsLibvirtException()
    {
        // Given
        const string xml = "<network><name>x</name>";

        // When
        var error = Assert.Throws<LibvirtException>(() => _connection.DefineNetwork(xml));

        // Then
        Assert.That(error.Code, Is.EqualTo(LibvirtErrorCode.XmlDetail));
        Assert.That(error.Message, Does.StartWith("(network_definition):"));
    }

    [Test]
    public void TryLookupNetwork_UnknownName_ReturnsNull()
    {
        // Given
        var name = TestDriver.UniqueName("vnet-missing");

        // When
        var network = _connection.TryLookupNetwork(name);

        // Then
        Assert.That(network, Is.Null);
    }

    [Test]
    public void GetDhcpLeases_OnTestDriver_ThrowsNoSupportAndLeavesNetworkUsable()
    {
        // Given: the test driver does not implement virNetworkGetDHCPLeases
        // (lease marshalling is covered by NativeConversionsTests instead).
        using var network = _connection.TryLookupNetwork(TestDriver.StockNetwork)!;

        // When
        var error = Assert.Throws<LibvirtException>(() => network.GetDhcpLeases());

        // Then
        Assert.That(error.Code, Is.EqualTo(LibvirtErrorCode.NoSupport));
        Assert.That(error.Message, Does.Contain("virNetworkGetDHCPLeases"));
        Assert.That(network.IsActive(), Is.True);
    }
}
