using System.Net.Sockets;
using VagrantNet.Providers.Libvirt.Interop;

namespace VagrantNet.Providers.Libvirt.Tests.Interop;

[Category("LibvirtTestDriver")]
public class DomainTests
{
    private LibvirtConnection _connection = null!;
    private string _name = null!;

    [SetUp]
    public void OpenConnection()
    {
        _connection = LibvirtConnection.Open(TestDriver.Uri);
        _name = TestDriver.UniqueName("vnet-dom");
    }

    [TearDown]
    public void CloseConnection() => _connection.Dispose();

    [Test]
    public void DefineXml_ThenLookupByName_ReturnsSameUuid()
    {
        // Given
        using var defined = _connection.DefineDomain(TestDriver.DomainXml(_name));

        // When
        using var found = _connection.TryLookupDomain(_name);

        // Then
        Assert.That(found, Is.Not.Null);
        Assert.That(found!.Uuid, Is.EqualTo(defined.Uuid));
        Assert.That(Guid.TryParse(found.Uuid, out _), Is.True);
    }

    [Test]
    public void LookupByUuid_OfDefinedDomain_ReturnsThatDomain()
    {
        // Given
        using var defined = _connection.DefineDomain(TestDriver.DomainXml(_name));

        // When
        using var found = _connection.TryLookupDomainByUuid(defined.Uuid);

        // Then
        Assert.That(found?.Name, Is.EqualTo(_name));
    }

    [Test]
    public void DefinedDomain_IsShutoffAndHasNoId()
    {
        // Given / When
        using var domain = _connection.DefineDomain(TestDriver.DomainXml(_name));

        // Then
        Assert.That(domain.GetState().State, Is.EqualTo(DomainState.Shutoff));
        Assert.That(domain.IsActive(), Is.False);
        Assert.That(domain.Id, Is.Null);
    }

    [Test]
    public void Lifecycle_StartSuspendResumeDestroyUndefine_TracksStateAndRemovesDomain()
    {
        // Given
        using var domain = _connection.DefineDomain(TestDriver.DomainXml(_name));

        // When / Then
        domain.Create();
        Assert.That(domain.GetState().State, Is.EqualTo(DomainState.Running));
        Assert.That(domain.IsActive(), Is.True);
        Assert.That(domain.Id, Is.Not.Null);

        domain.Suspend();
        Assert.That(domain.GetState().State, Is.EqualTo(DomainState.Paused));

        domain.Resume();
        Assert.That(domain.GetState().State, Is.EqualTo(DomainState.Running));

        domain.Reboot();
        Assert.That(domain.GetState().State, Is.EqualTo(DomainState.Running));

        domain.Destroy();
        Assert.That(domain.GetState().State, Is.EqualTo(DomainState.Shutoff));

        domain.Undefine();
        Assert.That(_connection.TryLookupDomain(_name), Is.Null);
    }

    [Test]
    public void GetState_OfStartedDomain_ReportsBootedReason()
    {
        // Given
        using var domain = _connection.DefineDomain(TestDriver.DomainXml(_name));
        domain.Create();

        // When
        var (state, reason) = domain.GetState();

        // Then: VIR_DOMAIN_RUNNING_BOOTED = 1.
        Assert.That(state, Is.EqualTo(DomainState.Running));
        Assert.That(reason, Is.EqualTo(1));
    }

    [Test]
    public void Shutdown_OfRunningDomain_LeavesItShutoff()
    {
        // Given
        using var domain = _connection.DefineDomain(TestDriver.DomainXml(_name));
        domain.Create();

        // When
        domain.Shutdown();

        // Then: the test driver shuts down synchronously.
        Assert.That(domain.GetState().State, Is.EqualTo(DomainState.Shutoff));
    }

    [Test]
    public void ManagedSave_ThenRemove_TogglesManagedSaveImage()
    {
        // Given
        using var domain = _connection.DefineDomain(TestDriver.DomainXml(_name));
        domain.Create();

        // When
        domain.ManagedSave();

        // Then
        Assert.That(domain.GetState().State, Is.EqualTo(DomainState.Shutoff));
        Assert.That(domain.HasManagedSaveImage(), Is.True);
        domain.ManagedSaveRemove();
        Assert.That(domain.HasManagedSaveImage(), Is.False);
    }

    [Test]
    public void Undefine_WithManagedSaveFlag_RemovesSavedDomain()
    {
        // Given
        using var domain = _connection.DefineDomain(TestDriver.DomainXml(_name));
        domain.Create();
        domain.ManagedSave();

        // When
        domain.Undefine(DomainUndefineFlags.ManagedSave);

        // Then
        Assert.That(_connection.TryLookupDomain(_name), Is.Null);
    }

    [Test]
    public void GetXmlDesc_ContainsDefinedNameAndMac()
    {
        // Given
        using var domain = _connection.DefineDomain(TestDriver.DomainXml(_name, mac: "52:54:00:ab:cd:ef"));

        // When
        var xml = domain.GetXmlDesc(DomainXmlFlags.Inactive);

        // Then
        Assert.That(xml, Does.Contain($"<name>{_name}</name>"));
        Assert.That(xml, Does.Contain("52:54:00:ab:cd:ef"));
    }

    [Test]
    public void GetInterfaceAddresses_OfRunningDomain_ReturnsIpv4WithPrefix()
    {
        // Given
        using var domain = _connection.DefineDomain(TestDriver.DomainXml(_name, mac: "52:54:00:ab:cd:ef"));
        domain.Create();

        // When
        var interfaces = domain.GetInterfaceAddresses(InterfaceAddressSource.Lease);

        // Then
        Assert.That(interfaces, Has.Count.EqualTo(1));
        Assert.That(interfaces[0].Mac, Is.EqualTo("52:54:00:ab:cd:ef"));
        Assert.That(interfaces[0].Addresses, Has.Count.EqualTo(1));
        var (address, prefix, family) = interfaces[0].Addresses[0];
        Assert.That(address, Does.StartWith("192.168.122."));
        Assert.That(prefix, Is.EqualTo(24));
        Assert.That(family, Is.EqualTo(AddressFamily.InterNetwork));
    }

    [Test]
    public void GetInterfaceAddresses_OfInactiveDomain_ThrowsOperationInvalid()
    {
        // Given
        using var domain = _connection.DefineDomain(TestDriver.DomainXml(_name));

        // When
        var error = Assert.Throws<LibvirtException>(() => domain.GetInterfaceAddresses(InterfaceAddressSource.Agent));

        // Then
        Assert.That(error.Code, Is.EqualTo(LibvirtErrorCode.OperationInvalid));
    }

    [Test]
    public void Suspend_OfInactiveDomain_ThrowsWithLibvirtMessage()
    {
        // Given
        using var domain = _connection.DefineDomain(TestDriver.DomainXml(_name));

        // When
        var error = Assert.Throws<LibvirtException>(domain.Suspend);

        // Then
        Assert.That(error.Message, Is.EqualTo($"internal error: domain '{_name}' not running"));
    }

    [Test]
    public void DefineXml_Malformed_ThrowsXmlDetailWithLibvirtMessage()
    {
        // Given
        const string xml = "<domain type='test'><name>broken</name>";

        // When
        var error = Assert.Throws<LibvirtException>(() => _connection.DefineDomain(xml));

        // Then
        Assert.That(error.Code, Is.EqualTo(LibvirtErrorCode.XmlDetail));
        Assert.That(error.ErrorDomain, Is.EqualTo(LibvirtErrorDomain.Domain));
        Assert.That(error.Message, Does.StartWith("(domain_definition):").And.Contain("Premature end of data"));
    }

    [Test]
    public void DefineXml_MissingRequiredElement_ThrowsWithLibvirtMessage()
    {
        // Given: well-formed XML that lacks the mandatory <memory>.
        var xml = $"<domain type='test'><name>{_name}</name><os><type>hvm</type></os></domain>";

        // When
        var error = Assert.Throws<LibvirtException>(() => _connection.DefineDomain(xml));

        // Then
        Assert.That(error.Message, Is.Not.Empty);
        Assert.That(_connection.TryLookupDomain(_name), Is.Null);
    }

    [Test]
    public void TryLookupDomain_UnknownName_ReturnsNull()
    {
        // Given
        var name = TestDriver.UniqueName("vnet-missing");

        // When
        var domain = _connection.TryLookupDomain(name);

        // Then
        Assert.That(domain, Is.Null);
    }

    [Test]
    public void TryLookupDomainByUuid_MalformedUuid_ThrowsInsteadOfReturningNull()
    {
        // Given
        const string uuid = "not-a-uuid";

        // When
        var error = Assert.Throws<LibvirtException>(() => _connection.TryLookupDomainByUuid(uuid));

        // Then
        Assert.That(error.Code, Is.Not.EqualTo(LibvirtErrorCode.NoDomain));
    }

    [Test]
    public void ListAllDomains_IncludesNewlyDefinedDomain()
    {
        // Given
        using var domain = _connection.DefineDomain(TestDriver.DomainXml(_name));

        // When
        var all = _connection.ListAllDomains();

        // Then
        Assert.That(all.Select(d => d.Name), Is.SupersetOf(new[] { TestDriver.StockDomain, _name }));
        foreach (var item in all)
        {
            item.Dispose();
        }
    }
}
