using VagrantNet.Sdk;
using VagrantNet.Testing;

namespace VagrantNet.Tests.Kit;

/// <summary>The fake host plugin authors test with takes real file locks, as vnet's host does.</summary>
public class FakeVnetHostTests
{
    private string _home = null!;

    [SetUp]
    public void CreateHome() => _home = Directory.CreateTempSubdirectory("vnet-fake-host-").FullName;

    [TearDown]
    public void RemoveHome() => Directory.Delete(_home, recursive: true);

    [Test]
    public async Task ASecondLockOnTheSameName_TimesOut_WhileTheFirstIsHeld()
    {
        // Given
        var host = new FakeVnetHost(_home);
        await using var first = await host.LockAsync("box vnet/test", TimeSpan.Zero, CancellationToken.None);

        // When
        var error = Assert.ThrowsAsync<VnetError>(() => host.LockAsync("box vnet/test", TimeSpan.FromMilliseconds(100), CancellationToken.None));

        // Then
        Assert.That(error!.Message, Does.Contain("box vnet/test is in use"));
        Assert.That(host.Locks, Is.EqualTo(new[] { "box vnet/test", "box vnet/test" }));
    }

    [Test]
    public async Task ALock_IsTakenAgain_OnceTheFirstIsReleased()
    {
        // Given
        var host = new FakeVnetHost(_home);
        var first = await host.LockAsync("index", TimeSpan.Zero, CancellationToken.None);
        var second = host.LockAsync("index", TimeSpan.FromSeconds(10), CancellationToken.None);

        // When
        await first.DisposeAsync();

        // Then
        await using var taken = await second;
        Assert.That(Path.Combine(_home, "locks", "index.lock"), Does.Exist);
    }
}
