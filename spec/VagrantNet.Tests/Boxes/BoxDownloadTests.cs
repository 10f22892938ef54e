using System.Text.Json;
using VagrantNet.Core;
using VagrantNet.Core.Boxes;
using VagrantNet.Testing;
using VagrantNet.Tests.Boxes.Support;

namespace VagrantNet.Tests.Boxes;

[TestFixture]
public class BoxDownloadTests
{
    private BoxFixtures _fixtures = null!;
    private RecordingUi _ui = null!;
    private byte[] _box = null!;

    [SetUp]
    public void SetUp()
    {
        _fixtures = new BoxFixtures();
        _ui = new RecordingUi();
        _box = BoxFixtures.LibvirtBox(imageBytes: 256 * 1024).TarGz();
    }

    [TearDown]
    public void TearDown() => _fixtures.Dispose();

    private BoxCollection Store(TestHttpServer server, int retries = 3) =>
        new(_fixtures.Paths, new BoxAddSettings { RetryAttempts = retries, RetryDelay = TimeSpan.FromMilliseconds(10), IdleTimeout = TimeSpan.FromSeconds(10), ServerUrl = server.BaseUrl.ToString() });

    private static string Catalog(Uri server, string checksum, params string[] versions) => JsonSerializer.Serialize(new
    {
        name = "org/box",
        description = "test box",
        versions = versions.Select(v => new
        {
            version = v,
            providers = new object[]
            {
                new { name = "libvirt", url = new Uri(server, $"org/box/{v}/libvirt.box").ToString(), checksum, checksum_type = "sha256", architecture = "amd64", default_architecture = true },
                new { name = "libvirt", url = new Uri(server, "nowhere.box").ToString(), checksum, checksum_type = "sha256", architecture = "arm64", default_architecture = false },
            },
        }),
    });

    private TestResponse Serve(TestRequest request, Uri baseUrl, string? checksum = null) => request.Path switch
    {
        "/org/box" => TestResponse.Json(request, Catalog(baseUrl, checksum ?? BoxFixtures.Sha256(_box), "1.0.0", "1.1.0")),
        var p when p.StartsWith("/org/box/", StringComparison.Ordinal) => TestResponse.File(request, _box),
        _ => TestResponse.NotFound(),
    };

    [Test]
    public async Task ACatalogUrl_InstallsTheNewestVersion_AndRemembersTheCatalog()
    {
        // Given
        TestHttpServer? server = null;
        await using var _ = server = new TestHttpServer(r => Serve(r, server!.BaseUrl));
        var store = Store(server);

        // When
        var box = await new BoxAdder(store).AddAsync(new BoxAddRequest([server.Url("org/box").ToString()]), _ui, CancellationToken.None);

        // Then
        Assert.That((box.Name, box.Version, box.Provider, box.Architecture), Is.EqualTo(("org/box", "1.1.0", "libvirt", "amd64")));
        Assert.That(store.MetadataUrl("org/box"), Is.EqualTo(server.Url("org/box").ToString()));
        Assert.That(Directory.EnumerateFileSystemEntries(_fixtures.Paths.Temp), Is.Empty, "the download is removed once installed");
    }

    [TestCase(false, 0)]
    [TestCase(true, 1)]
    public async Task UpdatingAnOutdatedBox_ReusesTheNewestVersionAlreadyInstalled_UnlessForced(bool force, int downloads)
    {
        // Given: 1.0.0 and 1.1.0 both installed from the catalog
        TestHttpServer? server = null;
        await using var _ = server = new TestHttpServer(r => Serve(r, server!.BaseUrl));
        var store = Store(server);
        var old = await new BoxAdder(store).AddAsync(new BoxAddRequest(["org/box"]) { VersionConstraint = "= 1.0.0" }, _ui, CancellationToken.None);
        await new BoxAdder(store).AddAsync(new BoxAddRequest(["org/box"]) { VersionConstraint = "= 1.1.0" }, _ui, CancellationToken.None);
        int Downloads() => server.Requests.Count(r => r.Path == "/org/box/1.1.0/libvirt.box" && r.Method == "GET");
        var before = Downloads();
        using var updates = new BoxUpdates(store, insecure: false, caCert: null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        // When: `box update` of the machine's 1.0.0, with and without -f
        var updated = await updates.UpdateAsync(old, null, _ui, CancellationToken.None, force);

        // Then
        Assert.That(updated!.Version, Is.EqualTo("1.1.0"));
        Assert.That(Downloads() - before, Is.EqualTo(downloads));
    }

    [Test]
    public async Task AnOrgNameShorthand_ResolvesAgainstTheServerUrl_HonouringTheVersionConstraint()
    {
        // Given
        TestHttpServer? server = null;
        await using var _ = server = new TestHttpServer(r => Serve(r, server!.BaseUrl));

        // When
        var box = await new BoxAdder(Store(server)).AddAsync(new BoxAddRequest(["org/box"]) { VersionConstraint = "< 1.1" }, _ui, CancellationToken.None);

        // Then
        Assert.That(box.Version, Is.EqualTo("1.0.0"));
        Assert.That(server.Requests.Select(r => r.Path), Does.Contain("/org/box/1.0.0/libvirt.box"));
    }

    [Test]
    public async Task ACatalogServedAsPlainText_IsStillRecognisedByItsContent()
    {
        // Given
        TestHttpServer? server = null;
        await using var _ = server = new TestHttpServer(r => r.Path == "/catalog.txt"
            ? TestResponse.File(r, System.Text.Encoding.UTF8.GetBytes(Catalog(server!.BaseUrl, BoxFixtures.Sha256(_box), "2.0.0")), "text/plain")
            : Serve(r, server!.BaseUrl));

        // When
        var box = await new BoxAdder(Store(server)).AddAsync(new BoxAddRequest([server.Url("catalog.txt").ToString()]), _ui, CancellationToken.None);

        // Then
        Assert.That(box.Version, Is.EqualTo("2.0.0"));
    }

    [Test]
    public async Task ADirectBoxUrl_NeedsAName_AndInstallsAsVersionZero()
    {
        // Given
        TestHttpServer? server = null;
        await using var _ = server = new TestHttpServer(r => Serve(r, server!.BaseUrl));
        var url = server.Url("org/box/9/libvirt.box").ToString();

        // When
        var unnamed = Assert.ThrowsAsync<VnetException>(() => new BoxAdder(Store(server)).AddAsync(new BoxAddRequest([url]), _ui, CancellationToken.None));
        var box = await new BoxAdder(Store(server)).AddAsync(new BoxAddRequest([url]) { Name = "direct", Checksum = BoxFixtures.Sha256(_box), ChecksumType = "sha256" }, _ui, CancellationToken.None);

        // Then
        Assert.That(unnamed!.Message, Does.Contain("--name"));
        Assert.That((box.Name, box.Version), Is.EqualTo(("direct", "0")));
    }

    [Test]
    public async Task AServerIgnoringRange_GetsACleanFullDownload()
    {
        // Given: a stale partial download that the server will not resume.
        TestHttpServer? server = null;
        await using var _ = server = new TestHttpServer(r => TestResponse.File(r, _box, honorRange: false));
        var url = server.Url("box.box");
        var partial = BoxDownloader.DownloadPath(_fixtures.Paths, url, "ranged");
        Directory.CreateDirectory(_fixtures.Paths.Temp);
        File.WriteAllBytes(partial, new byte[1000]);
        File.WriteAllText(partial + ".resume", JsonSerializer.Serialize(new Dictionary<string, string> { ["url"] = url.AbsoluteUri, ["validator"] = "\"v1\"" }));

        // When
        var box = await new BoxAdder(Store(server)).AddAsync(new BoxAddRequest([url.ToString()]) { Name = "ranged", Checksum = BoxFixtures.Sha256(_box), ChecksumType = "sha256" }, _ui, CancellationToken.None);

        // Then
        Assert.That(server.Requests.Any(r => r.Method == "GET" && r.Header("range") == "bytes=1000-"), Is.True, "it asked to resume");
        Assert.That(File.ReadAllBytes(Path.Combine(box.Directory, "box.img")), Has.Length.EqualTo(256 * 1024));
    }

    [Test]
    public async Task AConnectionDroppedHalfway_IsResumedWithRange()
    {
        // Given: the first full download stops halfway; later requests are served whole.
        var drops = 0;
        TestHttpServer? server = null;
        await using var _ = server = new TestHttpServer(r =>
            r.Method == "GET" && r.Header("range") is null && r.Path == "/box.box" && Interlocked.Increment(ref drops) == 1
                ? TestResponse.File(r, _box, dropAfter: _box.Length / 2)
                : TestResponse.File(r, _box));

        // When
        var box = await new BoxAdder(Store(server)).AddAsync(new BoxAddRequest([server.Url("box.box").ToString()]) { Name = "resumed", Checksum = BoxFixtures.Sha256(_box), ChecksumType = "sha256" }, _ui, CancellationToken.None);

        // Then
        var resumed = server.Requests.Where(r => r.Header("range") is { } range && range != "bytes=0-1023").ToList();
        Assert.That(resumed, Has.Count.EqualTo(1));
        Assert.That(resumed[0].Header("range"), Is.EqualTo($"bytes={_box.Length / 2}-"));
        Assert.That(resumed[0].Header("if-range"), Is.EqualTo("\"v1\""));
        Assert.That(box.Version, Is.EqualTo("0"));
    }

    [Test]
    public async Task AResumedDownload_FirstReportsTheBytesItAlreadyHas_SoItsRateCountsOnlyNewOnes()
    {
        // Given: the first full download stops halfway; later requests are served whole.
        var drops = 0;
        TestHttpServer? server = null;
        await using var _ = server = new TestHttpServer(r =>
            r.Method == "GET" && r.Header("range") is null && r.Path == "/box.box" && Interlocked.Increment(ref drops) == 1
                ? TestResponse.File(r, _box, dropAfter: _box.Length / 2)
                : TestResponse.File(r, _box));
        var downloads = new List<List<long>>();
        _ui.OnProgress = (title, done) =>
        {
            if (title == "Downloading")
            {
                if (done == 0 || (downloads.Count == 1 && done == _box.Length / 2))
                {
                    downloads.Add([]);
                }

                downloads[^1].Add(done);
            }
        };

        // When
        await new BoxAdder(Store(server)).AddAsync(new BoxAddRequest([server.Url("box.box").ToString()]) { Name = "resumed" }, _ui, CancellationToken.None);

        // Then: each transfer's first report is where it starts
        Assert.That(downloads.Select(d => d[0]), Is.EqualTo(new long[] { 0, _box.Length / 2 }));
    }

    [Test]
    public async Task AConnectionThatKeepsDropping_FailsCleanly_NamingTheBox()
    {
        // Given: every GET of the box dies halfway, without ever making progress.
        TestHttpServer? server = null;
        await using var _ = server = new TestHttpServer(r => r.Path == "/box.box" && r.Method == "GET" && r.Header("range") != "bytes=0-1023"
            ? TestResponse.File(r, _box, honorRange: false, dropAfter: 100)
            : TestResponse.File(r, _box));
        var before = _fixtures.StoreSnapshot();

        // When
        var error = Assert.ThrowsAsync<VnetException>(() => new BoxAdder(Store(server, retries: 2)).AddAsync(new BoxAddRequest([server.Url("box.box").ToString()]) { Name = "flaky" }, _ui, CancellationToken.None));

        // Then
        Assert.That(error!.Message, Does.Contain("'flaky'").And.Contain("could not be downloaded"));
        Assert.That(_fixtures.StoreSnapshot(), Is.EqualTo(before));
        Assert.That(Directory.EnumerateDirectories(_fixtures.Paths.Temp), Is.Empty);
    }

    [Test]
    public async Task AWrongChecksum_IsRefusedBeforeUnpacking_AndTheStoreIsUnchanged()
    {
        // Given
        TestHttpServer? server = null;
        await using var _ = server = new TestHttpServer(r => Serve(r, server!.BaseUrl, checksum: new string('0', 64)));
        var before = _fixtures.StoreSnapshot();

        // When
        var error = Assert.ThrowsAsync<VnetException>(() => new BoxAdder(Store(server)).AddAsync(new BoxAddRequest([server.Url("org/box").ToString()]), _ui, CancellationToken.None));

        // Then
        Assert.That(error!.Message, Does.Contain("'org/box'").And.Contain("sha256 checksum"));
        Assert.That(_ui.Lines, Has.None.Contains("Unpacking"));
        Assert.That(_fixtures.StoreSnapshot(), Is.EqualTo(before));
        Assert.That(Directory.EnumerateFileSystemEntries(_fixtures.Paths.Temp), Is.Empty, "the bad download is not kept for resuming");
    }

    [Test]
    public async Task AMissingBox_FailsWithTheServersAnswer()
    {
        // Given
        await using var server = new TestHttpServer(_ => TestResponse.NotFound());

        // When
        var error = Assert.ThrowsAsync<VnetException>(() => new BoxAdder(Store(server)).AddAsync(new BoxAddRequest(["org/missing"]), _ui, CancellationToken.None));

        // Then
        Assert.That(error!.Message, Does.Contain("404"));
    }

    [Test]
    public async Task BoxUrls_AreTriedInTurn()
    {
        // Given
        await using var server = new TestHttpServer(r => r.Path == "/good.box" ? TestResponse.File(r, _box) : TestResponse.NotFound());

        // When
        var box = await new BoxAdder(Store(server)).AddAsync(new BoxAddRequest([server.Url("bad.box").ToString(), server.Url("good.box").ToString()]) { Name = "fallback" }, _ui, CancellationToken.None);

        // Then
        Assert.That(box.Name, Is.EqualTo("fallback"));
    }

    [Test]
    public async Task UpdateChecks_FindTheNewerCatalogVersion_AndUpdateInstallsIt()
    {
        // Given: 1.0.0 installed from a catalog that now also has 1.1.0.
        TestHttpServer? server = null;
        await using var _ = server = new TestHttpServer(r => Serve(r, server!.BaseUrl));
        var store = Store(server);
        var old = await new BoxAdder(store).AddAsync(new BoxAddRequest(["org/box"]) { VersionConstraint = "1.0.0" }, _ui, CancellationToken.None);
        using var updates = new BoxUpdates(store, insecure: false, caCert: null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        // When
        var check = await updates.CheckAsync(old, null, CancellationToken.None);
        var updated = await updates.UpdateAsync(old, null, _ui, CancellationToken.None);
        var again = await updates.UpdateAsync(updated!, null, _ui, CancellationToken.None);

        // Then
        Assert.That(check.IsOutdated, Is.True);
        Assert.That(check.Latest!.Version, Is.EqualTo("1.1.0"));
        Assert.That(updated!.Version, Is.EqualTo("1.1.0"));
        Assert.That(again, Is.Null);
        Assert.That(store.Installed("org/box").Select(b => b.Version).Order(), Is.EqualTo(new[] { "1.0.0", "1.1.0" }));
    }

    [Test]
    public async Task TwoAddsOfOneUrlUnderTwoNames_AtTheSameTime_BothInstall()
    {
        // Given: the first download stops halfway (holding its partial file open) until the second add has finished.
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var downloads = 0;
        await using var server = new TestHttpServer(r =>
        {
            if (r.Method == "GET" && r.Header("range") is null && Interlocked.Increment(ref downloads) == 1)
            {
                // Hang guard only: the test opens the gate itself.
                secondDone.Task.Wait(TimeSpan.FromMinutes(2));
            }

            return TestResponse.File(r, _box);
        });
        var firstUi = new RecordingUi { OnProgress = (title, _) => first.TrySetResult() };
        var url = server.Url("shared.box").ToString();

        // When
        var one = Task.Run(() => new BoxAdder(Store(server)).AddAsync(new BoxAddRequest([url]) { Name = "org/one" }, firstUi, CancellationToken.None));
        var gate = Task.Run(async () =>
        {
            await Task.WhenAny(first.Task, one);
            try
            {
                return await new BoxAdder(Store(server)).AddAsync(new BoxAddRequest([url]) { Name = "org/two" }, new RecordingUi(), CancellationToken.None);
            }
            finally
            {
                secondDone.TrySetResult();
            }
        });
        var results = await Task.WhenAll(one, gate).WaitAsync(TimeSpan.FromMinutes(3));

        // Then
        Assert.That(results.Select(b => b.Name), Is.EqualTo(new[] { "org/one", "org/two" }));
        Assert.That(Directory.EnumerateFileSystemEntries(_fixtures.Paths.Temp).Where(p => !p.EndsWith(".owner", StringComparison.Ordinal)), Is.Empty);
    }

    [TestCase("not a validator")]
    [TestCase("\"unterminated")]
    [TestCase("W/\"weak\"")]
    [TestCase("Tue, 99 Foo 2026 99:99:99 GMT")]
    public async Task AResumeFileWithABadValidator_CountsAsNone_AndTheDownloadStartsOver(string validator)
    {
        // Given: a partial download whose .resume holds something that is neither a strong ETag nor an HTTP date.
        await using var server = new TestHttpServer(r => TestResponse.File(r, _box));
        var url = server.Url("box.box");
        var partial = BoxDownloader.DownloadPath(_fixtures.Paths, url, "org/resumed");
        Directory.CreateDirectory(_fixtures.Paths.Temp);
        File.WriteAllBytes(partial, new byte[1000]);
        File.WriteAllText(partial + ".resume", JsonSerializer.Serialize(new Dictionary<string, string> { ["url"] = url.AbsoluteUri, ["validator"] = validator }));

        // When
        var box = await new BoxAdder(Store(server)).AddAsync(new BoxAddRequest([url.ToString()]) { Name = "org/resumed", Checksum = BoxFixtures.Sha256(_box), ChecksumType = "sha256" }, _ui, CancellationToken.None);

        // Then
        Assert.That(server.Requests.Where(r => r.Method == "GET").Select(r => r.Header("range")), Has.None.EqualTo("bytes=1000-"));
        Assert.That(box.Name, Is.EqualTo("org/resumed"));
    }

    [Test]
    public async Task APasswordInTheCatalogUrl_IsSentAsBasicAuth_ButNeitherShownNorStored()
    {
        // Given
        TestHttpServer? server = null;
        await using var _ = server = new TestHttpServer(r => Serve(r, server!.BaseUrl));
        var url = server.Url("org/box").ToString().Replace("http://", "http://alice:s3cret@", StringComparison.Ordinal);
        var store = Store(server);

        // When
        await new BoxAdder(store).AddAsync(new BoxAddRequest([url]), _ui, CancellationToken.None);

        // Then
        var catalogRequest = server.Requests.First(r => r.Path == "/org/box");
        Assert.That(catalogRequest.Header("authorization"), Is.EqualTo("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("alice:s3cret"))));
        Assert.That(store.MetadataUrl("org/box"), Is.EqualTo(server.Url("org/box").ToString()));
        Assert.That(_ui.Text, Does.Not.Contain("s3cret").And.Contain("alice:****@"));
    }

    [Test]
    public async Task ARefusedConnection_IsNotRetried()
    {
        // Given: retries a day apart, so a retry would hang the test (the guard below would fail it).
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var store = new BoxCollection(_fixtures.Paths, new BoxAddSettings { RetryAttempts = 5, RetryDelay = TimeSpan.FromDays(1) });
        var url = $"http://127.0.0.1:{port}/x.box";

        // When
        var error = Assert.ThrowsAsync<VnetException>(() => new BoxAdder(store).AddAsync(new BoxAddRequest([url]) { Name = "org/nowhere" }, _ui, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2)));

        // Then
        Assert.That(error!.Message, Does.Contain("'org/nowhere'").And.Contain(url).And.Contain("refused"));
        Assert.That(_ui.Lines, Has.None.Contains("retrying"));
    }
}
