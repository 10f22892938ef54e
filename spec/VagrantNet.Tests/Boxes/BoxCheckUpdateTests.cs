using System.Text.Json;
using VagrantNet.Core.Boxes;
using VagrantNet.Testing;
using VagrantNet.Tests.Boxes.Support;

namespace VagrantNet.Tests.Boxes;

/// <summary>
/// <c>vm.BoxCheckUpdate</c>: creating a machine from an installed catalog box checks the catalog (a loopback server) for a
/// newer version, as Vagrant's <c>up</c> does, and a catalog that cannot be read never stops the machine.
/// </summary>
[TestFixture]
public class BoxCheckUpdateTests
{
    private BoxFixtures _fixtures = null!;
    private byte[] _box = null!;
    private string[] _versions = ["1.0.0"];
    private bool _catalogBroken;

    [SetUp]
    public void SetUp()
    {
        _fixtures = new BoxFixtures();
        _box = BoxFixtures.LibvirtBox().TarGz();
        _versions = ["1.0.0"];
        _catalogBroken = false;
    }

    [TearDown]
    public void TearDown() => _fixtures.Dispose();

    private TestResponse Serve(TestRequest request, Uri baseUrl) => request.Path switch
    {
        "/org/box" when _catalogBroken => new TestResponse { Status = 404 },
        "/org/box" => TestResponse.Json(request, JsonSerializer.Serialize(new
        {
            name = "org/box",
            versions = _versions.Select(v => new
            {
                version = v,
                providers = new[] { new { name = "libvirt", url = new Uri(baseUrl, $"org/box/{v}/libvirt.box").ToString(), checksum = BoxFixtures.Sha256(_box), checksum_type = "sha256", architecture = "amd64" } },
            }),
        })),
        var p when p.StartsWith("/org/box/", StringComparison.Ordinal) => TestResponse.File(request, _box),
        _ => TestResponse.NotFound(),
    };

    /// <summary>The store with box org/box v1.0.0 installed from the server's catalog, and a machine that uses it.</summary>
    private async Task<(BoxCollection Store, FakeMachine Machine)> InstalledAsync(TestHttpServer server)
    {
        var store = new BoxCollection(_fixtures.Paths, new BoxAddSettings { RetryAttempts = 1, RetryDelay = TimeSpan.FromMilliseconds(10), IdleTimeout = TimeSpan.FromSeconds(30), ServerUrl = server.BaseUrl.ToString() });
        await new BoxAdder(store).AddAsync(new BoxAddRequest([server.Url("org/box").ToString()]), new RecordingUi(), CancellationToken.None);
        var machine = new FakeMachine { Name = "web", ProviderName = "libvirt" };
        machine.Config.Vm.Box = "org/box";
        return (store, machine);
    }

    [Test]
    public async Task AnInstalledBoxWithANewerCatalogVersion_IsUsed_WithVagrantsOneLineNotice()
    {
        // Given
        TestHttpServer? server = null;
        await using var _ = server = new TestHttpServer(r => Serve(r, server!.BaseUrl));
        var (store, machine) = await InstalledAsync(server);
        machine.Config.FinalizeDefaults();
        _versions = ["1.0.0", "1.2.0"];

        // When
        var box = await new MachineBoxResolver(store).ResolveAsync(machine, CancellationToken.None);

        // Then
        Assert.That(box.Version, Is.EqualTo("1.0.0"), "the installed box is used; `vnet box update` fetches the new one");
        Assert.That(machine.RecordingUi.Lines, Is.EqualTo(new[]
        {
            "info: Checking if box 'org/box' version '1.0.0' is up to date...",
            "warn: A newer version of the box 'org/box' for provider 'libvirt' is available! You currently have version '1.0.0'. The latest is version '1.2.0'. Run `vnet box update` to update.",
        }));
    }

    [Test]
    public async Task AnUpToDateBox_IsCheckedQuietly()
    {
        // Given
        TestHttpServer? server = null;
        await using var _ = server = new TestHttpServer(r => Serve(r, server!.BaseUrl));
        var (store, machine) = await InstalledAsync(server);
        machine.Config.FinalizeDefaults();

        // When
        await new MachineBoxResolver(store).ResolveAsync(machine, CancellationToken.None);

        // Then
        Assert.That(machine.RecordingUi.Lines, Is.EqualTo(new[] { "info: Checking if box 'org/box' version '1.0.0' is up to date..." }));
    }

    [Test]
    public async Task ANewerVersionOutsideTheMachinesBoxVersion_IsNotAnnounced()
    {
        // Given
        TestHttpServer? server = null;
        await using var _ = server = new TestHttpServer(r => Serve(r, server!.BaseUrl));
        var (store, machine) = await InstalledAsync(server);
        machine.Config.Vm.BoxVersion = "< 2";
        machine.Config.FinalizeDefaults();
        _versions = ["1.0.0", "2.0.0"];

        // When
        await new MachineBoxResolver(store).ResolveAsync(machine, CancellationToken.None);

        // Then
        Assert.That(machine.RecordingUi.Text, Does.Not.Contain("newer version"));
    }

    [Test]
    public async Task BoxCheckUpdateFalse_NeverAsksTheCatalog()
    {
        // Given
        TestHttpServer? server = null;
        await using var _ = server = new TestHttpServer(r => Serve(r, server!.BaseUrl));
        var (store, machine) = await InstalledAsync(server);
        machine.Config.Vm.BoxCheckUpdate = false;
        machine.Config.FinalizeDefaults();
        _versions = ["1.0.0", "1.2.0"];
        var asked = server.Requests.Count;

        // When
        var box = await new MachineBoxResolver(store).ResolveAsync(machine, CancellationToken.None);

        // Then
        Assert.That(box.Version, Is.EqualTo("1.0.0"));
        Assert.That(server.Requests.Count, Is.EqualTo(asked), "no request reached the catalog");
        Assert.That(machine.RecordingUi.Lines, Is.Empty);
    }

    [Test]
    public async Task ACatalogThatCannotBeRead_IsAWarning_AndTheInstalledBoxIsStillUsed()
    {
        // Given
        TestHttpServer? server = null;
        await using var _ = server = new TestHttpServer(r => Serve(r, server!.BaseUrl));
        var (store, machine) = await InstalledAsync(server);
        machine.Config.FinalizeDefaults();
        _catalogBroken = true;

        // When
        var box = await new MachineBoxResolver(store).ResolveAsync(machine, CancellationToken.None);

        // Then
        Assert.That(box.Version, Is.EqualTo("1.0.0"));
        Assert.That(machine.RecordingUi.Lines, Has.Count.EqualTo(2));
        Assert.That(machine.RecordingUi.Lines[1], Does.StartWith("warn: The catalog of box 'org/box' could not be read to check for updates; this is a warning, not an error"));
        Assert.That(machine.RecordingUi.Lines[1], Does.Contain(server.Url("org/box").ToString().TrimEnd('/')));
    }

    [Test]
    public async Task ABoxAddedFromAFile_HasNoCatalog_AndIsNotChecked()
    {
        // Given
        var store = new BoxCollection(_fixtures.Paths);
        var file = _fixtures.Write("local.box", _box);
        await new BoxAdder(store).AddAsync(new BoxAddRequest([file]) { Name = "org/box" }, new RecordingUi(), CancellationToken.None);
        var machine = new FakeMachine { Name = "web", ProviderName = "libvirt" };
        machine.Config.Vm.Box = "org/box";
        machine.Config.FinalizeDefaults();

        // When
        await new MachineBoxResolver(store).ResolveAsync(machine, CancellationToken.None);

        // Then
        Assert.That(machine.RecordingUi.Lines, Is.Empty);
    }
}
