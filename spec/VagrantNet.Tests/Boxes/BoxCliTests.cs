using System.Text.Json;
using VagrantNet.Cli;
using VagrantNet.Core.Actions;
using VagrantNet.Core.Machines;
using VagrantNet.Tests.Boxes.Support;

namespace VagrantNet.Tests.Boxes;

/// <summary>`vnet box ...` end to end through CliApp, as a user types it, against a scratch VNET_HOME and a loopback catalog server.</summary>
[TestFixture]
[NonParallelizable]
public class BoxCliTests
{
    private BoxFixtures _fixtures = null!;
    private string? _savedHome;
    private string? _savedServer;

    [SetUp]
    public void SetUp()
    {
        _fixtures = new BoxFixtures();
        _savedHome = Environment.GetEnvironmentVariable("VNET_HOME");
        _savedServer = Environment.GetEnvironmentVariable("VNET_SERVER_URL");
        Environment.SetEnvironmentVariable("VNET_HOME", _fixtures.Paths.Home);
    }

    [TearDown]
    public void TearDown()
    {
        Environment.SetEnvironmentVariable("VNET_HOME", _savedHome);
        Environment.SetEnvironmentVariable("VNET_SERVER_URL", _savedServer);
        _fixtures.Dispose();
    }

    private async Task<(int Exit, string Out, string Error)> Vnet(params string[] args)
    {
        var (savedOut, savedError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            using var interrupts = new InterruptSource();
            var exit = await new CliApp(_fixtures.Root, interrupts, []).RunAsync(args);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(savedOut);
            Console.SetError(savedError);
        }
    }

    /// <summary>A small valid box: metadata.json and a real qcow2 from qemu-img when it is installed, else random bytes.</summary>
    private string MakeBox()
    {
        var image = Path.Combine(_fixtures.Root, "box.img");
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("qemu-img", ["create", "-q", "-f", "qcow2", image, "64M"]) { UseShellExecute = false })!;
            process.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }

        var bytes = File.Exists(image) ? File.ReadAllBytes(image) : new byte[65536];
        return _fixtures.Write("test.box", new TarBuilder().File("./metadata.json", BoxFixtures.LibvirtMetadata).File("./box.img", bytes).TarGz());
    }

    [Test]
    public async Task BoxAddListRemove_WorkAsANewUserWouldTypeThem()
    {
        // Given
        var file = MakeBox();

        // When
        var add = await Vnet("box", "add", file, "--name", "vnet/test");
        var list = await Vnet("box", "list");
        var readable = await Vnet("box", "list", "--machine-readable");
        var remove = await Vnet("box", "remove", "vnet/test");
        var empty = await Vnet("box", "list");

        // Then
        Assert.That(add.Exit, Is.EqualTo(0), add.Error);
        Assert.That(add.Out, Does.Contain("Successfully added box 'vnet/test' (v0) for 'libvirt'"));
        Assert.That(list.Out, Does.Contain("vnet/test").And.Contain("libvirt").And.Contain("amd64"));
        var lines = readable.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => string.Join(',', l.Split(',').Skip(1))).ToList();
        Assert.That(lines, Is.SupersetOf(new[] { ",box-name,vnet/test", ",box-provider,libvirt", ",box-version,0" }));
        Assert.That(remove.Exit, Is.EqualTo(0), remove.Error);
        Assert.That(remove.Out, Does.Contain("Removing box 'vnet/test' (v0)"));
        Assert.That(empty.Out, Does.Contain("There are no installed boxes!"));
    }

    [Test]
    public async Task BoxList_Piped_PrintsOneBoxALine_WithItsNameFirst_AndNoBorders()
    {
        // Given: two boxes; the tests' stdout is not a terminal
        await Vnet("box", "add", MakeBox(), "--name", "vnet/test");
        await Vnet("box", "add", MakeBox(), "--name", "org/other-box");

        // When
        var list = await Vnet("box", "list");

        // Then: `awk '{print $1}'` would get the names
        var lines = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Select(l => l.Split(' ')[0]), Is.EqualTo(new[] { "org/other-box", "vnet/test" }), list.Out);
        Assert.That(lines[1], Does.Match(@"^vnet/test {6}0  libvirt  amd64$"));
        Assert.That(list.Out.IndexOfAny(['│', '─', '╭', '╰']), Is.EqualTo(-1), list.Out);
    }

    [Test]
    public async Task BoxRemove_RefusesWhileAMachineUsesTheBox_UnlessForced()
    {
        // Given: a machine in the index whose box_meta names the box.
        await Vnet("box", "add", MakeBox(), "--name", "vnet/test");
        var project = Path.Combine(_fixtures.Root, "project", ".vnet");
        var state = Path.Combine(project, "machines", "web", "libvirt");
        Directory.CreateDirectory(state);
        File.WriteAllText(Path.Combine(state, "box_meta"), JsonSerializer.Serialize(new { name = "vnet/test", version = "0", provider = "libvirt" }));
        new MachineIndex(_fixtures.Paths.MachineIndex).Set(null, new MachineIndexEntry("web", "libvirt", "running", Path.Combine(_fixtures.Root, "project", "Vagrantfile.csx"), project));

        // When
        var refused = await Vnet("box", "remove", "vnet/test");
        var forced = await Vnet("box", "remove", "vnet/test", "--force");

        // Then
        Assert.That(refused.Exit, Is.EqualTo(1));
        Assert.That(refused.Error, Does.Contain("in use by web").And.Contain("--force"));
        Assert.That(forced.Exit, Is.EqualTo(0), forced.Error);
    }

    [Test]
    public async Task BoxRemove_OfABoxForTwoProviders_AsksWhich_AndAllProvidersRemovesBoth()
    {
        // Given: the same box and version for libvirt and for another provider
        await Vnet("box", "add", MakeBox(), "--name", "vnet/test");
        var other = _fixtures.Write("other.box", BoxFixtures.LibvirtBox(metadata: """{"provider":"other","format":"qcow2","virtual_size":1}""").TarGz());
        await Vnet("box", "add", other, "--name", "vnet/test");

        // When
        var ambiguous = await Vnet("box", "remove", "vnet/test");
        var both = await Vnet("box", "remove", "vnet/test", "--all-providers");
        var list = await Vnet("box", "list");

        // Then
        Assert.That(ambiguous.Exit, Is.EqualTo(1));
        Assert.That(ambiguous.Error, Does.Contain("several providers (libvirt, other); choose one with --provider (or --all-providers)").Or.Contain("several providers (other, libvirt); choose one with --provider (or --all-providers)"));
        Assert.That(both.Exit, Is.EqualTo(0), both.Error);
        Assert.That(both.Out, Does.Contain("with provider 'libvirt'").And.Contain("with provider 'other'"));
        Assert.That(list.Out, Does.Contain("There are no installed boxes!"));
    }

    [Test]
    public async Task ACatalogWithTwoVersions_IsSeenOutdated_ThenUpdated_ThenPruned()
    {
        // Given
        var box = File.ReadAllBytes(MakeBox());
        TestHttpServer? server = null;
        await using var _ = server = new TestHttpServer(r => r.Path switch
        {
            "/vnet/test" => TestResponse.Json(r, JsonSerializer.Serialize(new
            {
                name = "vnet/test",
                versions = new[] { "1.0.0", "2.0.0" }.Select(v => new
                {
                    version = v,
                    providers = new[] { new { name = "libvirt", url = $"/boxes/{v}.box", checksum = BoxFixtures.Sha256(box), checksum_type = "sha256", architecture = "amd64" } },
                }),
            })),
            var p when p.StartsWith("/boxes/", StringComparison.Ordinal) => TestResponse.File(r, box),
            _ => TestResponse.NotFound(),
        });
        Environment.SetEnvironmentVariable("VNET_SERVER_URL", server.BaseUrl.ToString());

        // When
        var add = await Vnet("box", "add", "vnet/test", "--box-version", "1.0.0");
        var outdated = await Vnet("box", "outdated", "--global");
        var update = await Vnet("box", "update", "--box", "vnet/test");
        var current = await Vnet("box", "outdated", "--global");
        var dryRun = await Vnet("box", "prune", "--dry-run");
        var prune = await Vnet("box", "prune");
        var list = await Vnet("box", "list", "--machine-readable");

        // Then
        Assert.That(add.Exit, Is.EqualTo(0), add.Error);
        Assert.That(outdated.Out, Does.Contain("'vnet/test' for 'libvirt' (amd64) is outdated! Current: 1.0.0. Latest: 2.0.0."));
        Assert.That(update.Exit, Is.EqualTo(0), update.Error);
        Assert.That(update.Out, Does.Contain("Successfully added box 'vnet/test' (v2.0.0)"));
        Assert.That(current.Out, Does.Contain("(v2.0.0) is up to date"));
        Assert.That(dryRun.Out, Does.Contain("Would remove box 'vnet/test' (v1.0.0)"));
        Assert.That(prune.Out, Does.Contain("Removing box 'vnet/test' (v1.0.0)"));
        Assert.That(list.Out, Does.Contain("box-version,2.0.0").And.Not.Contain("box-version,1.0.0"));
    }

    [Test]
    public async Task BoxRepackage_WritesPackageBox_ThatAddsBackAsTheSameBox()
    {
        // Given
        await Vnet("box", "add", MakeBox(), "--name", "vnet/test");

        // When
        var repackage = await Vnet("box", "repackage", "vnet/test", "libvirt", "0");
        var again = await Vnet("box", "add", Path.Combine(_fixtures.Root, "package.box"), "--name", "vnet/copy");

        // Then
        Assert.That(repackage.Exit, Is.EqualTo(0), repackage.Error);
        Assert.That(again.Exit, Is.EqualTo(0), again.Error);
    }

    [Test]
    public async Task BoxAdd_WithABadChecksum_ExitsOne_SayingWhy_AndInstallsNothing()
    {
        // When
        var add = await Vnet("box", "add", MakeBox(), "--name", "vnet/test", "--checksum", new string('a', 64), "--checksum-type", "sha256");

        // Then
        Assert.That(add.Exit, Is.EqualTo(1));
        Assert.That(add.Error, Does.Contain("Box 'vnet/test' failed its sha256 checksum check"));
        Assert.That(_fixtures.StoreSnapshot(), Is.Empty);
    }
}
