using VagrantNet.Core;
using VagrantNet.Core.SyncedFolders.Nfs;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Testing;

namespace VagrantNet.Tests.Nfs;

[TestFixture]
public class KernelNfsServerTests
{
    private string _directory = null!;
    private string _exports = null!;
    private readonly List<string> _commands = [];

    [SetUp]
    public void Temp()
    {
        _directory = Directory.CreateTempSubdirectory("vnet-exports-").FullName;
        _exports = Path.Combine(_directory, "exports");
        File.WriteAllText(_exports, "# the admin's own export\n/srv/share 10.0.0.0/8(ro)\n");
        _commands.Clear();
    }

    [TearDown]
    public void Clean() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Export_AddsAMarkedBlockPerMachine_AndReloadsTheServer()
    {
        // Given
        var server = Server();

        // When
        var paths = await server.ExportAsync("machine-a", [new NfsExport("root", "/home/me/project", "192.168.121.10"), new NfsExport("data", "/data", "192.168.121.10", 1000, 1000)], CancellationToken.None);

        // Then
        var user = System.Environment.UserName;
        Assert.That(File.ReadAllLines(_exports), Is.EqualTo(new[]
        {
            "# the admin's own export",
            "/srv/share 10.0.0.0/8(ro)",
            $"# VNET-BEGIN: {user} machine-a",
            $"\"/home/me/project\" 192.168.121.10(rw,no_subtree_check,all_squash,anonuid=501,anongid=20,fsid={KernelNfsServer.FsId("/home/me/project")})",
            $"\"/data\" 192.168.121.10(rw,no_subtree_check,all_squash,anonuid=1000,anongid=1000,fsid={KernelNfsServer.FsId("/data")})",
            $"# VNET-END: {user} machine-a",
        }));
        Assert.That(paths, Is.EqualTo(new[] { "/home/me/project", "/data" }));
        Assert.That(_commands, Does.Contain("exportfs -ra").Or.Contain("sudo -n exportfs -ra"));
    }

    [Test]
    public async Task ExportingAgain_ReplacesTheMachinesBlock_AndPruneRemovesOnlyIt()
    {
        // Given
        var server = Server();
        await server.ExportAsync("machine-a", [new NfsExport("root", "/a1", "10.1.1.1", 1, 1)], CancellationToken.None);
        await server.ExportAsync("machine-b", [new NfsExport("root", "/b", "10.1.1.2", 1, 1)], CancellationToken.None);

        // When
        await server.ExportAsync("machine-a", [new NfsExport("root", "/a2", "10.1.1.1", 1, 1)], CancellationToken.None);
        var replaced = File.ReadAllText(_exports);
        await server.PruneAsync("machine-a", CancellationToken.None);

        // Then
        Assert.That(replaced, Does.Not.Contain("/a1").And.Contain("/a2").And.Contain("/b"));
        var pruned = File.ReadAllText(_exports);
        Assert.That(pruned, Does.Not.Contain("machine-a").And.Not.Contain("/a2"));
        Assert.That(pruned, Does.Contain("machine-b").And.Contain("/srv/share"));
    }

    [Test]
    public async Task Prune_OfAMachineWithoutExports_LeavesTheFileAndTheServerAlone()
    {
        // Given
        var server = Server();

        // When
        await server.PruneAsync("nobody", CancellationToken.None);

        // Then
        Assert.That(_commands, Is.Empty);
        Assert.That(File.ReadAllText(_exports), Is.EqualTo("# the admin's own export\n/srv/share 10.0.0.0/8(ro)\n"));
    }

    [Test]
    public void AFailingExportfs_IsReportedWithItsError()
    {
        // Given
        var server = new KernelNfsServer(new FakeProcessRunner((r, _) => Task.FromResult(r.Arguments[^1] == "-ra" ? new ProcessResult(1, string.Empty, "bad line 3") : new ProcessResult(0, "0 0", string.Empty))), _exports);

        // When
        var error = Assert.ThrowsAsync<VnetException>(() => server.ExportAsync("m", [new NfsExport("root", "/x", "10.0.0.2")], CancellationToken.None));

        // Then
        Assert.That(error!.Message, Does.Contain("exportfs -ra failed").And.Contain("bad line 3"));
    }

    private KernelNfsServer Server() => new(
        new FakeProcessRunner((r, _) =>
        {
            _commands.Add(string.Join(' ', [r.Program, .. r.Arguments]));
            return Task.FromResult(r.Program == "stat" ? new ProcessResult(0, "501 20\n", string.Empty) : new ProcessResult(0, string.Empty, string.Empty));
        }),
        _exports);
}
