using VagrantNet.Providers.Libvirt.Interop;

namespace VagrantNet.Providers.Libvirt.Tests.Interop;

public class PoolBusyTests
{
    private static readonly LibvirtException Busy = new("internal error: pool 'default' has asynchronous jobs running.", LibvirtErrorCode.InternalError, LibvirtErrorDomain.Storage);

    [Test]
    public void APoolBusyWithAnotherClientsJob_IsWaitedOut()
    {
        // Given
        var calls = 0;
        var pipeline = PoolBusy.Build(TimeSpan.Zero);

        // When
        var result = pipeline.Execute(() => ++calls < 3 ? throw Busy : "volume");

        // Then
        Assert.That(result, Is.EqualTo("volume"));
        Assert.That(calls, Is.EqualTo(3));
    }

    [Test]
    public void AnyOtherLibvirtError_FailsAtOnce()
    {
        // Given
        var calls = 0;
        var pipeline = PoolBusy.Build(TimeSpan.Zero);

        // When
        var error = Assert.Throws<LibvirtException>(() => pipeline.Execute(() =>
        {
            calls++;
            throw new LibvirtException("Storage volume not found: no storage vol with matching name 'x'", LibvirtErrorCode.NoStorageVol, LibvirtErrorDomain.Storage);
        }));

        // Then
        Assert.That(calls, Is.EqualTo(1));
        Assert.That(error!.Code, Is.EqualTo(LibvirtErrorCode.NoStorageVol));
    }

    [Test]
    public void APoolThatStaysBusy_FailsAfterABoundedNumberOfTries()
    {
        // Given
        var calls = 0;
        var pipeline = PoolBusy.Build(TimeSpan.Zero);

        // When
        Assert.Throws<LibvirtException>(() => pipeline.Execute(() =>
        {
            calls++;
            throw Busy;
        }));

        // Then
        Assert.That(calls, Is.EqualTo(21));
    }
}
