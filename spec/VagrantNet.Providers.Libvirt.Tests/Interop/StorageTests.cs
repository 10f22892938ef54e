using VagrantNet.Providers.Libvirt.Interop;

namespace VagrantNet.Providers.Libvirt.Tests.Interop;

[Category("LibvirtTestDriver")]
public class StorageTests
{
    private const ulong OneMiB = 1024 * 1024;

    private LibvirtConnection _connection = null!;
    private LibvirtStoragePool _pool = null!;
    private string _name = null!;

    [SetUp]
    public void OpenPool()
    {
        _connection = LibvirtConnection.Open(TestDriver.Uri);
        _pool = _connection.TryLookupStoragePool(TestDriver.StockPool)!;
        _name = TestDriver.UniqueName("vnet-vol");
    }

    [TearDown]
    public void Close()
    {
        _pool.Dispose();
        _connection.Dispose();
    }

    [Test]
    public void CreateVolume_FromXml_HasPathAndCapacity()
    {
        // Given / When
        using var volume = _pool.CreateVolume(TestDriver.VolumeXml(_name, capacityMiB: 4));

        // Then
        Assert.That(volume.Name, Is.EqualTo(_name));
        Assert.That(volume.GetPath(), Is.EqualTo($"/{TestDriver.StockPool}/{_name}"));
        Assert.That(volume.GetInfo().Capacity, Is.EqualTo(4 * OneMiB));
        Assert.That(volume.GetInfo().Type, Is.EqualTo(StorageVolumeType.File));
        Assert.That(volume.GetXmlDesc(), Does.Contain($"<name>{_name}</name>"));
    }

    [Test]
    public void CreateVolumeFrom_ExistingVolume_ClonesCapacity()
    {
        // Given
        using var source = _pool.CreateVolume(TestDriver.VolumeXml(_name, capacityMiB: 2));
        var cloneName = _name + "-clone";

        // When
        using var clone = _pool.CreateVolumeFrom(TestDriver.VolumeXml(cloneName, capacityMiB: 2), source);

        // Then
        Assert.That(clone.GetPath(), Is.EqualTo($"/{TestDriver.StockPool}/{cloneName}"));
        Assert.That(clone.GetInfo().Capacity, Is.EqualTo(source.GetInfo().Capacity));
        Assert.That(_pool.ListAllVolumes().Select(v => v.Name), Is.SupersetOf(new[] { _name, cloneName }));
    }

    [Test]
    public void Delete_Volume_MakesLookupReturnNull()
    {
        // Given
        using var volume = _pool.CreateVolume(TestDriver.VolumeXml(_name, capacityMiB: 1));

        // When
        volume.Delete();

        // Then
        Assert.That(_pool.TryLookupVolume(_name), Is.Null);
    }

    [Test]
    public void CreateVolume_DuplicateName_ThrowsWithLibvirtMessage()
    {
        // Given
        using var volume = _pool.CreateVolume(TestDriver.VolumeXml(_name, capacityMiB: 1));

        // When
        var error = Assert.Throws<LibvirtException>(() => _pool.CreateVolume(TestDriver.VolumeXml(_name, capacityMiB: 1)));

        // Then
        Assert.That(error.Code, Is.EqualTo(LibvirtErrorCode.OperationFailed));
        Assert.That(error.Message, Is.EqualTo("operation failed: storage vol already exists"));
    }

    [Test]
    public void Upload_OnTestDriver_ThrowsNoSupportAndLeavesVolumeIntact()
    {
        // Given: the test driver has no virStorageVolUpload, so only the failure path is observable here.
        using var volume = _pool.CreateVolume(TestDriver.VolumeXml(_name, capacityMiB: 1));
        var before = volume.GetInfo();
        using var source = new MemoryStream(new byte[4096]);
        var progress = new RecordingProgress();

        // When
        var error = Assert.Throws<LibvirtException>(() => volume.Upload(source, source.Length, progress));

        // Then
        Assert.That(error.Code, Is.EqualTo(LibvirtErrorCode.NoSupport));
        Assert.That(error.Message, Does.Contain("virStorageVolUpload"));
        Assert.That(progress.Reports, Is.Empty);
        Assert.That(source.Position, Is.Zero);
        Assert.That(volume.GetInfo(), Is.EqualTo(before));
        volume.Delete();
        Assert.That(_pool.TryLookupVolume(_name), Is.Null);
    }

    [Test]
    public void Upload_AlreadyCancelled_ThrowsBeforeTouchingLibvirt()
    {
        // Given
        using var volume = _pool.CreateVolume(TestDriver.VolumeXml(_name, capacityMiB: 1));
        using var source = new MemoryStream(new byte[16]);

        // When / Then
        Assert.Throws<OperationCanceledException>(
            () => volume.Upload(source, source.Length, cancellationToken: new CancellationToken(canceled: true)));
    }

    [Test]
    public void Resize_OnTestDriver_ThrowsNoSupport()
    {
        // Given
        using var volume = _pool.CreateVolume(TestDriver.VolumeXml(_name, capacityMiB: 1));

        // When
        var error = Assert.Throws<LibvirtException>(() => volume.Resize(2 * OneMiB));

        // Then
        Assert.That(error.Code, Is.EqualTo(LibvirtErrorCode.NoSupport));
    }

    [Test]
    public void TryLookupVolume_UnknownName_ReturnsNull()
    {
        // Given / When
        var volume = _pool.TryLookupVolume(_name);

        // Then
        Assert.That(volume, Is.Null);
    }

    [Test]
    public void PoolLifecycle_DefineBuildCreateRefreshDestroyUndefine_RemovesPool()
    {
        // Given
        var poolName = TestDriver.UniqueName("vnet-pool");
        using var pool = _connection.DefineStoragePool(TestDriver.PoolXml(poolName));

        // When / Then
        pool.Build();
        pool.Create();
        Assert.That(pool.IsActive(), Is.True);
        pool.Refresh();
        pool.SetAutostart(true);
        Assert.That(pool.GetXmlDesc(), Does.Contain($"<name>{poolName}</name>"));

        pool.Destroy();
        Assert.That(pool.IsActive(), Is.False);

        pool.Undefine();
        Assert.That(_connection.TryLookupStoragePool(poolName), Is.Null);
    }

    [Test]
    public void TryLookupStoragePool_UnknownName_ReturnsNull()
    {
        // Given
        var poolName = TestDriver.UniqueName("vnet-missing");

        // When
        var pool = _connection.TryLookupStoragePool(poolName);

        // Then
        Assert.That(pool, Is.Null);
    }

    private sealed class RecordingProgress : IProgress<long>
    {
        public List<long> Reports { get; } = [];

        public void Report(long value) => Reports.Add(value);
    }
}
