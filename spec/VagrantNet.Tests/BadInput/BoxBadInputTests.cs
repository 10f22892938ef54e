using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using VagrantNet.Core.Boxes;
using VagrantNet.Tests.Boxes.Support;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.BadInput;

/// <summary>
/// Hostile or broken boxes, catalogs, servers and box settings, each driven through <c>vnet</c> as a user would run
/// it: every one is refused with exit 1 and a message naming the box and what is wrong, the box store is left as it
/// was, no scratch directory stays behind, and nothing outside VNET_HOME changes.
/// </summary>
[TestFixture]
[NonParallelizable]
public class BoxBadInputTests
{
    private BoxCaseContext _context = null!;

    [SetUp]
    public void SetUp() => _context = new BoxCaseContext();

    [TearDown]
    public async Task TearDown() => await _context.DisposeAsync();

    /// <summary>One bad input: what to set up (returning the vnet arguments), what the message must name, what it must never show.</summary>
    internal sealed record BoxCase(Func<BoxCaseContext, string[]> Arrange, string[] Names, string[]? Forbidden = null);

    private const string Meta = BoxFixtures.LibvirtMetadata;

    /// <summary>The cases by test name: NUnit passes the name, since the case itself is internal to the tests.</summary>
    private static readonly Dictionary<string, BoxCase> ByName = [];

    private static TestCaseData Case(string name, Func<BoxCaseContext, string[]> arrange, params string[] names) =>
        Named("BoxAdd_Refuses_" + name, new BoxCase(arrange, names));

    private static TestCaseData Named(string name, BoxCase badInput)
    {
        ByName[name] = badInput;
        return new TestCaseData(name).SetName(name);
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        // Disk images: declared format, backing files, external data files (defect 1).
        yield return Case("AQcow2WithABackingFile", c => c.AddFile("org/evil", c.Qcow2ViaQemuImg("-b", "/etc/passwd", "-F", "raw")), "'org/evil'", "box.img", "backing file", "/etc/passwd");
        yield return Case("AQcow2WithAnExternalDataFile", c => c.AddFile("org/evil", c.Qcow2ViaQemuImg("-o", "data_file=" + Path.Combine(c.Outside, "data.raw"))), "'org/evil'", "box.img", "external data file");
        yield return Case("ADiskOfAV2BoxWithABackingFile", c => c.AddBox("org/evil", new TarBuilder()
            .File("metadata.json", """{"provider":"libvirt","format":"qcow2","disks":[{"path":"box_1.img"},{"path":"box_2.img"}]}""")
            .File("box_1.img", BoxFixtures.Qcow2Header(1L << 30))
            .File("box_2.img", c.Qcow2ViaQemuImg("-b", "/etc/hostname", "-F", "raw"))), "'org/evil'", "box_2.img", "backing file");
        yield return Case("AnImageDeclaredQcow2ThatIsRaw", c => c.AddFile("org/liar", new byte[8192]), "'org/liar'", "box.img", "declared qcow2", "is raw");
        yield return Case("AnImageDeclaredRawThatIsQcow2", c => c.AddFile("org/liar", BoxFixtures.Qcow2Header(1L << 30), """{"provider":"libvirt","format":"raw"}"""), "'org/liar'", "declared raw", "is qcow2");
        yield return Case("AnImageDeclaredRawThatIsVmdk", c => c.AddFile("org/liar", Encoding.ASCII.GetBytes("KDMV" + new string('\0', 600)), """{"provider":"libvirt","format":"raw"}"""), "'org/liar'", "is vmdk");
        yield return Case("AnImageInAFormatVnetDoesNotCheck", c => c.AddFile("org/odd", new byte[4096], """{"provider":"libvirt","format":"vmdk"}"""), "'org/odd'", "'vmdk'", "qcow2 and raw");
        yield return Case("ATruncatedQcow2Header", c => c.AddFile("org/short", BoxFixtures.Qcow2Header(1L << 30)[..40]), "'org/short'", "truncated qcow2 header");
        yield return Case("AnUnknownQcow2Version", c =>
        {
            var header = BoxFixtures.Qcow2Header(1L << 30);
            header[7] = 9;
            return c.AddFile("org/future", header);
        }, "'org/future'", "qcow2 version 9");

        // Size, expansion and free space (defect 5).
        yield return Case("ASparseImageOfOneTebibyte", c => c.AddBox("org/huge", new TarBuilder().File("metadata.json", Meta)
            .PaxSparseFile("box.img", 1L << 40, (0, BoxFixtures.Qcow2Header(1L << 30)))), "'org/huge'", "1099511627776 bytes", "virtual size");
        yield return Case("ASparseRawImageLargerThanTheFreeSpace", c =>
        {
            c.FreeBytes = 32L << 20;
            return c.AddBox("org/huge", new TarBuilder().File("metadata.json", """{"provider":"libvirt","format":"raw"}""").PaxSparseFile("box.img", 1L << 40, (0, new byte[512])));
        }, "'org/huge'", "1099511627776 bytes", "bytes free");
        yield return Case("AnExpansionFarBeyondTheVirtualSize", c =>
        {
            var image = new byte[100 << 20];
            BoxFixtures.Qcow2Header(1L << 20).CopyTo(image, 0);
            return c.AddFile("org/bomb", image, """{"provider":"libvirt","format":"qcow2","virtual_size":0.001}""");
        }, "'org/bomb'", "far beyond", "virtual size");
        yield return Case("AnExtraFileFarBeyondTheVirtualSize_WhileUnpacking", c => c.AddBox("org/bomb", new TarBuilder()
            .File("metadata.json", """{"provider":"libvirt","format":"qcow2","virtual_size":0.001}""")
            .File("box.img", BoxFixtures.Qcow2Header(1L << 20))
            .File("padding.bin", new byte[100 << 20])), "'org/bomb'", "far beyond", "virtual size");
        yield return Case("ASparseExtraFileOfOneTebibyte_WhileUnpacking", c => c.AddBox("org/huge", new TarBuilder()
            .File("metadata.json", Meta)
            .File("box.img", BoxFixtures.Qcow2Header(1L << 30))
            .PaxSparseFile("extra.img", 1L << 40, (0, new byte[512]))), "'org/huge'", "'extra.img'", "1099511627776 bytes");
        yield return Case("ABoxLargerThanTheFreeSpace", c =>
        {
            c.FreeBytes = 1L << 20;
            return c.AddFile("org/big", BoxFixtures.Qcow2Header(1L << 30).Concat(new byte[2 << 20]).ToArray());
        }, "'org/big'", "bytes free");
        yield return Case("HardLinksThatCopyOneFileUntilTheDiskIsFull", c =>
        {
            c.FreeBytes = 8L << 20;
            var box = BoxFixtures.LibvirtBox(imageBytes: 1 << 20);
            for (var i = 0; i < 20; i++)
            {
                box.HardLink($"copy{i}", "box.img");
            }

            return c.AddBox("org/links", box);
        }, "'org/links'", "bytes free");
        yield return Case("AnEndlessDownload", c =>
        {
            c.FreeBytes = 4L << 20;
            c.Routes["/endless.box"] = _ => new TestResponse { Endless = true, Headers = new() { ["Content-Type"] = "application/octet-stream" } };
            return ["box", "add", c.Url("endless.box"), "--name", "org/endless"];
        }, "'org/endless'", "no Content-Length", "bytes free");
        yield return Case("ADownloadLargerThanTheFreeSpace", c =>
        {
            c.FreeBytes = 1L << 20;
            var box = BoxFixtures.LibvirtBox(imageBytes: 4 << 20).Tar();
            c.Routes["/big.box"] = r => TestResponse.File(r, box);
            return ["box", "add", c.Url("big.box"), "--name", "org/big"];
        }, "'org/big'", "bytes fit", "bytes free");

        // Catalogs and servers (defects 7 and 8).
        yield return Case("ARemoteCatalogNamingAFileUrl", c =>
        {
            var local = c.WriteOutside("local.box", BoxFixtures.LibvirtBox().TarGz());
            c.Routes["/org/box"] = r => TestResponse.Json(r, Catalog(new Uri(local).AbsoluteUri));
            return ["box", "add", c.Url("org/box")];
        }, "'org/box'", "file URL", "http");
        yield return Case("ARedirectToAFileUrl", c =>
        {
            c.Routes["/r.box"] = _ => new TestResponse { Status = 302, Headers = new() { ["Location"] = "file:///etc/passwd" } };
            return ["box", "add", c.Url("r.box"), "--name", "org/redirected"];
        }, "'org/redirected'", "redirects to file:///etc/passwd");
        yield return Case("AServerAnswering500", c =>
        {
            c.Routes["/broken.box"] = _ => new TestResponse { Status = 500 };
            return ["box", "add", c.Url("broken.box"), "--name", "org/broken"];
        }, "500", "/broken.box");
        yield return Case("ACatalogServerAnswering500", c =>
        {
            c.Routes["/org/box"] = _ => new TestResponse { Status = 500 };
            return ["box", "add", c.Url("org/box")];
        }, "500", "/org/box");
        yield return Case("ARefusedConnection", c => ["box", "add", $"http://127.0.0.1:{ClosedPort()}/x.box", "--name", "org/nowhere"], "'org/nowhere'", "refused", "127.0.0.1");
        yield return Case("ACatalogThatIsNotJsonOfABox", c =>
        {
            c.Routes["/org/box"] = r => TestResponse.Json(r, """{"name":"org/box","versions":[{"version":"1.0.0","providers":[{"name":"libvirt","url":"x.box","checksum":7}]}]}""");
            return ["box", "add", c.Url("org/box")];
        }, "catalog", "\"checksum\"", "not a string");

        // Names given on the command line.
        foreach (var name in new[] { "../evil", "/abs", "a b" })
        {
            yield return Case($"TheBoxName({name})", c => c.AddFile(name, BoxFixtures.Qcow2Header(1L << 30)), $"'{name}'", "not a valid box name");
        }
    }

    private static IEnumerable<TestCaseData> SecretCases()
    {
        yield return Named("BoxAdd_NeverPrintsThePasswordOf_AMissingBoxUrl", new BoxCase(c => ["box", "add", c.Url("missing.box").Replace("http://", "http://alice:s3cret@", StringComparison.Ordinal), "--name", "org/secret"], ["alice:****@", "404"], ["s3cret"]));
        yield return Named("BoxAdd_NeverPrintsThePasswordOf_AFailingCatalogUrl", new BoxCase(
            c =>
            {
                c.Routes["/org/box"] = _ => new TestResponse { Status = 500 };
                return ["box", "add", c.Url("org/box").Replace("http://", "http://alice:s3cret@", StringComparison.Ordinal)];
            },
            ["alice:****@", "500"],
            ["s3cret"]));
        yield return Named("BoxAdd_NeverPrintsThePasswordOf_ABoxUrlFromACatalog", new BoxCase(
            c =>
            {
                c.Routes["/org/box"] = r => TestResponse.Json(r, Catalog("http://bob:hunter2@127.0.0.1:1/x.box"));
                return ["box", "add", c.Url("org/box")];
            },
            ["bob:****@", "refused"],
            ["hunter2"]));
    }

    private static IEnumerable<TestCaseData> ConfigCases()
    {
        foreach (var box in new[] { "../../evil", "/abs", "org/../x", "a/b/c", "a b", "..", "org/", "-x" })
        {
            yield return new TestCaseData($"config.Vm.Box = \"{box}\";", new[] { "vm.box", $"'{box}'" }).SetName($"Validate_Refuses_TheBox({box})");
        }

        foreach (var url in new[] { "not a url", "ftp://example.test/x.box", "javascript:alert(1)", "missing/file.box", "" })
        {
            yield return new TestCaseData($"config.Vm.Box = \"org/box\"; config.Vm.BoxUrl = [\"{url}\"];", new[] { "vm.box_url", $"'{url}'" }).SetName($"Validate_Refuses_TheBoxUrl({url})");
        }
    }

    [TestCaseSource(nameof(Cases))]
    [TestCaseSource(nameof(SecretCases))]
    public async Task BadBoxInput_IsRefused_NamingWhatIsWrong_AndChangesNothing(string name)
    {
        // Given
        if (ByName.Count == 0)
        {
            _ = Cases().Concat(SecretCases()).ToList();
        }

        var badInput = ByName[name];
        var arguments = badInput.Arrange(_context);
        var boxesBefore = BadInputOutcome.Snapshot(_context.Paths.Boxes);
        var outsideBefore = BadInputOutcome.Snapshot(_context.Outside);

        // When
        var run = await _context.RunAsync(arguments);

        // Then
        BadInputOutcome.AssertRefused(run, badInput.Names);
        foreach (var secret in badInput.Forbidden ?? [])
        {
            Assert.That(run.Stdout + run.Stderr, Does.Not.Contain(secret), run.ToString());
            Assert.That(BadInputOutcome.Snapshot(_context.Paths.Home).Where(p => p.Contains(secret, StringComparison.Ordinal)), Is.Empty);
        }

        Assert.That(BadInputOutcome.Snapshot(_context.Paths.Boxes), Is.EqualTo(boxesBefore));
        Assert.That(BadInputOutcome.Snapshot(_context.Outside), Is.EqualTo(outsideBefore));
        Assert.That(_context.ScratchDirectories(), Is.Empty, "no scratch directory is left behind");
    }

    [TestCaseSource(nameof(ConfigCases))]
    public async Task BadBoxSettings_AreRefusedByValidate_NamingTheSettingAndTheValue(string settings, string[] names)
    {
        // Given
        File.WriteAllText(Path.Combine(_context.Project, "Vagrantfile.csx"), "Vagrant.Configure(config => { " + settings + " });");
        var outsideBefore = BadInputOutcome.Snapshot(_context.Outside);

        // When
        var run = await _context.RunAsync(["validate"]);

        // Then
        BadInputOutcome.AssertRefused(run, names);
        Assert.That(BadInputOutcome.Snapshot(_context.Paths.Boxes), Is.Empty);
        Assert.That(BadInputOutcome.Snapshot(_context.Outside), Is.EqualTo(outsideBefore));
    }

    private static string Catalog(string boxUrl) => JsonSerializer.Serialize(new
    {
        name = "org/box",
        versions = new[] { new { version = "1.0.0", providers = new[] { new { name = "libvirt", url = boxUrl, architecture = "amd64" } } } },
    });

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>A scratch VNET_HOME, project and outside directory, and a loopback server whose routes a case sets.</summary>
internal sealed class BoxCaseContext : IAsyncDisposable
{
    private readonly TestHttpServer _server;

    public BoxCaseContext()
    {
        Root = Path.Combine(Path.GetTempPath(), "vnet-box-bad-" + Guid.NewGuid().ToString("N"));
        Project = Directory.CreateDirectory(Path.Combine(Root, "project")).FullName;
        Outside = Directory.CreateDirectory(Path.Combine(Root, "outside")).FullName;
        Paths = new Core.Environment.VnetPaths(Path.Combine(Root, "home"));
        _server = new TestHttpServer(r => Routes.TryGetValue(r.Path, out var route) ? route(r) : TestResponse.NotFound());
    }

    public string Root { get; }

    public string Project { get; }

    /// <summary>Where the inputs live: outside VNET_HOME, so a write or delete here is a write or delete outside it.</summary>
    public string Outside { get; }

    public Core.Environment.VnetPaths Paths { get; }

    public ConcurrentDictionary<string, Func<TestRequest, TestResponse>> Routes { get; } = new();

    /// <summary>The free space vnet is told it has beyond its reserve; null for the real disk.</summary>
    public long? FreeBytes { get; set; }

    public string Url(string path) => _server.Url(path).ToString();

    public string WriteOutside(string name, byte[] content)
    {
        var path = Path.Combine(Outside, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary><c>box add FILE --name NAME</c> for a box of metadata.json and the given box.img.</summary>
    public string[] AddFile(string name, byte[] image, string metadata = BoxFixtures.LibvirtMetadata) =>
        AddBox(name, new TarBuilder().File("./metadata.json", metadata).File("./box.img", image));

    public string[] AddBox(string name, TarBuilder box) =>
        ["box", "add", WriteOutside("input-" + Guid.NewGuid().ToString("N") + ".box", box.TarGz()), "--name", name];

    /// <summary>A qcow2 made by qemu-img with the given extra options (backing file, data file...).</summary>
    public byte[] Qcow2ViaQemuImg(params string[] options)
    {
        var image = Path.Combine(Root, "made-" + Guid.NewGuid().ToString("N") + ".img");
        try
        {
            using var process = Process.Start(new ProcessStartInfo("qemu-img", ["create", "-q", "-f", "qcow2", .. options, image, "16M"]) { UseShellExecute = false, RedirectStandardError = true })!;
            var error = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)) || process.ExitCode != 0)
            {
                Assert.Fail($"qemu-img failed: {error}");
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("qemu-img is not installed");
        }

        var bytes = File.ReadAllBytes(image);
        File.Delete(image);
        return bytes;
    }

    public IReadOnlyList<string> ScratchDirectories() =>
        Directory.Exists(Paths.Temp) ? [.. Directory.EnumerateFileSystemEntries(Paths.Temp, "box-*-*")] : [];

    public Task<VnetRun> RunAsync(string[] arguments)
    {
        var settings = new BoxAddSettings
        {
            RetryAttempts = 2,
            RetryDelay = TimeSpan.FromMilliseconds(1),
            IdleTimeout = TimeSpan.FromSeconds(30),
            ServerUrl = _server.BaseUrl.ToString(),
        };
        if (FreeBytes is { } free)
        {
            settings = settings with { FreeSpace = _ => settings.FreeSpaceReserve + free };
        }

        return InProcessVnet.RunWithBoxSettingsAsync(Project, new Dictionary<string, string?>
        {
            ["VNET_HOME"] = Paths.Home,
            ["VNET_LOG"] = null,
            ["VNET_VAGRANTFILE"] = null,
            ["VNET_DEFAULT_PROVIDER"] = null,
        }, settings, arguments);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
