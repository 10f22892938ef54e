using System.Diagnostics;
using VagrantNet.Core;
using VagrantNet.Core.Guests;
using VagrantNet.Core.Plugins;
using VagrantNet.Core.SyncedFolders.Nfs;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Nfs;

[TestFixture]
public class NfsSyncedFolderTests
{
    [Test]
    public async Task Enable_ExportsToTheGuestAddress_ThenMountsTheServedPathsInTheGuest()
    {
        // Given
        var server = new FakeServer("ganesha", null);
        var mounts = new List<NfsMountRequest>();
        using var machine = Machine(mounts, c =>
        {
            c.Vm.SyncedFolder(".", "/vagrant", disabled: true);
            c.Vm.SyncedFolder("src", "/src", type: "nfs", mountOptions: ["actimeo=1"], create: true);
        });
        var folder = Sdk.Actions.SyncedFolderPlan.Resolve(machine.Config.Vm.SyncedFolders.Single(f => f.GuestPath == "/src"), machine.ProjectDirectory);

        // When
        await new NfsSyncedFolder(_ => [server]).EnableAsync(machine, [folder], CancellationToken.None);

        // Then
        Assert.That(server.Exported.Single(), Is.EqualTo(new NfsExport("/src", Path.Combine(machine.ProjectDirectory, "src"), "127.0.0.1")));
        var request = mounts.Single();
        Assert.That(request.HostIp, Is.EqualTo("127.0.0.1"));
        Assert.That(request.GuestIp, Is.EqualTo("127.0.0.1"));
        Assert.That(request.Mounts.Single(), Is.EqualTo(new NfsMount("/src", "/vnet/1", "4.1", false, ["actimeo=1"])).Using<NfsMount>(SameMount));
    }

    [Test]
    public async Task Cleanup_PrunesTheMachineFromEveryUsableServer()
    {
        // Given
        var usable = new FakeServer("kernel", null);
        var missing = new FakeServer("ganesha", "not installed");
        using var machine = Machine([]);

        // When
        await new NfsSyncedFolder(_ => [usable, missing]).CleanupAsync(machine, CancellationToken.None);

        // Then
        Assert.That(usable.Pruned, Is.EqualTo(new[] { NfsSyncedFolder.MachineKey(machine) }));
        Assert.That(missing.Pruned, Is.Empty);
    }

    [Test]
    public void Choose_PrefersTheKernelServer_ThenGanesha_ElseSaysWhatToInstall()
    {
        // Given
        var kernel = new FakeServer("kernel", "no nfsd");
        var ganesha = new FakeServer("ganesha", null);

        // When
        var chosen = NfsServers.Choose([kernel, ganesha], out _, _ => null);
        var none = NfsServers.Choose([kernel, new FakeServer("ganesha", "not installed")], out var why, _ => null);
        var forced = NfsServers.Choose([new FakeServer("kernel", null), ganesha], out _, n => n == "VNET_NFS_SERVER" ? "ganesha" : null);

        // Then
        Assert.That(chosen, Is.SameAs(ganesha));
        Assert.That(none, Is.Null);
        Assert.That(why, Does.Contain("no nfsd").And.Contain("nfs-ganesha-vfs"));
        Assert.That(forced, Is.SameAs(ganesha));
    }

    [Test]
    public void MountScript_MountsNfs4WithoutTheHelper_AndNfs3WithItInstalled_AndIsValidShell()
    {
        // When
        var script = NfsMountScript.Build("192.168.121.1", "192.168.121.10",
        [
            new NfsMount("/vagrant", "/vnet/1", "4.1", false, []),
            new NfsMount("/data dir", "/srv/data", "3", true, ["nolock"]),
        ]);

        // Then
        Assert.That(script, Does.Contain("try_mount mount -i -t nfs4 -o vers=4.1,addr=192.168.121.1,clientaddr=192.168.121.10 192.168.121.1:/vnet/1 /vagrant"));
        Assert.That(script, Does.Contain("try_mount mount -t nfs -o vers=3,udp,nolock 192.168.121.1:/srv/data '/data dir'"));
        Assert.That(script, Does.Contain("nfs-common"));
        using var sh = Process.Start(new ProcessStartInfo("sh", ["-n", "-c", script]) { RedirectStandardError = true })!;
        sh.WaitForExit();
        Assert.That(sh.ExitCode, Is.Zero, sh.StandardError.ReadToEnd());
    }

    [Test]
    public void MountScript_RefusesOptionsThatCouldEscapeTheCommand()
    {
        // When / Then
        Assert.That(() => NfsMountScript.Build("10.0.0.1", "10.0.0.2", [new NfsMount("/x", "/x", "4.1", false, ["ro; reboot"])]), Throws.InstanceOf<VnetException>());
    }

    private static bool SameMount(NfsMount a, NfsMount b) =>
        a.GuestPath == b.GuestPath && a.ServerPath == b.ServerPath && a.Version == b.Version && a.Udp == b.Udp && a.Options.SequenceEqual(b.Options);

    private static TestMachine Machine(List<NfsMountRequest> mounts, Action<RootConfig>? configure = null)
    {
        var registry = new PluginRegistry();
        registry.Guest("fake", null, "true");
        registry.GuestCapability("fake", GuestCapabilitiesWellKnown.MountNfsFolder, (_, request, _) =>
        {
            mounts.Add(request);
            return Task.FromResult(default(Unit));
        });
        var machine = new TestMachine(c =>
        {
            c.Vm.Guest = "fake";
            configure?.Invoke(c);
        }, registry)
        { BaseSshInfo = new SshInfo("127.0.0.1", 22, "vagrant") };
        Directory.CreateDirectory(Path.Combine(machine.ProjectDirectory, "src"));
        return machine;
    }

    private sealed class FakeServer(string name, string? unavailable) : INfsServer
    {
        public List<NfsExport> Exported { get; } = [];

        public List<string> Pruned { get; } = [];

        public string Name => name;

        public string DefaultVersion => name == "kernel" ? "3" : "4.1";

        public string? Unavailable() => unavailable;

        public Task<IReadOnlyList<string>> ExportAsync(string machineKey, IReadOnlyList<NfsExport> exports, CancellationToken cancellation)
        {
            Exported.AddRange(exports);
            return Task.FromResult<IReadOnlyList<string>>([.. exports.Select((_, i) => $"/vnet/{i + 1}")]);
        }

        public Task PruneAsync(string machineKey, CancellationToken cancellation)
        {
            Pruned.Add(machineKey);
            return Task.CompletedTask;
        }
    }
}
