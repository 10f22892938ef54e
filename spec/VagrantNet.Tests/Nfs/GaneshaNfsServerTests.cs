using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using VagrantNet.Core.Processes;
using VagrantNet.Core.SyncedFolders.Nfs;

namespace VagrantNet.Tests.Nfs;

[TestFixture]
[NonParallelizable]
public class GaneshaNfsServerTests
{
    [Test]
    public void Config_ServesEachFolderOverNfs4Tcp_ToItsMachineOnly()
    {
        // When
        var config = GaneshaNfsServer.Config([new GaneshaNfsServer.Entry("m1", "root", "/home/me/project", "192.168.121.10", 3)]);

        // Then
        Assert.That(config, Does.Contain("Protocols = 4;").And.Contain("Graceless = true;"));
        Assert.That(config, Does.Contain("Export_Id = 3;").And.Contain("Path = \"/home/me/project\";").And.Contain("Pseudo = \"/vnet/3\";"));
        Assert.That(config, Does.Contain("Transports = TCP;").And.Contain("Squash = No_Root_Squash;").And.Contain("Name = VFS;"));
        Assert.That(config, Does.Contain("Clients = 192.168.121.10;\n        Access_Type = RW;"));
    }

    [Test]
    public async Task TheDaemon_StartsWithTheExports_KeepsIdsAcrossUps_AndStopsWithTheLastPrune()
    {
        // Given: a network namespace of this test's own, so the daemon's port 2049 stays inside it
        if (System.Environment.UserName != "root" || !File.Exists("/usr/bin/ganesha.nfsd") || !File.Exists("/usr/sbin/ip"))
        {
            Assert.Ignore("Needs root, ganesha.nfsd (apt-get install nfs-ganesha nfs-ganesha-vfs) and ip.");
        }

        var ns = "vnet-ganesha-" + Guid.NewGuid().ToString("N")[..6];
        if (Run("/usr/sbin/ip", "netns", "add", ns) != 0)
        {
            Assert.Ignore("This host cannot create network namespaces.");
        }

        var directory = Directory.CreateTempSubdirectory("vnet-ganesha-").FullName;
        var shared = Directory.CreateDirectory(Path.Combine(directory, "share")).FullName;
        var server = new GaneshaNfsServer(Path.Combine(directory, "state"), new ProcessRunner(NullLogger.Instance)) { CommandPrefix = ["/usr/sbin/ip", "netns", "exec", ns] };
        try
        {
            Run("/usr/sbin/ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");

            // When
            var first = await server.ExportAsync("machine-a", [new NfsExport("root", shared, "127.0.0.1")], CancellationToken.None);
            var listening = Output("/usr/sbin/ip", "netns", "exec", ns, "ss", "-ltn");
            await server.ExportAsync("machine-b", [new NfsExport("root", shared, "127.0.0.2")], CancellationToken.None);
            var again = await server.ExportAsync("machine-a", [new NfsExport("root", shared, "127.0.0.1")], CancellationToken.None);
            await server.PruneAsync("machine-a", CancellationToken.None);
            var runningForB = server.RunningPid() is not null;
            var configForB = await File.ReadAllTextAsync(server.ConfigFile);
            await server.PruneAsync("machine-b", CancellationToken.None);

            // Then
            Assert.That(first, Is.EqualTo(new[] { "/vnet/1" }));
            Assert.That(listening, Does.Contain(":2049"));
            Assert.That(again, Is.EqualTo(new[] { "/vnet/1" }));
            Assert.That(runningForB, Is.True);
            Assert.That(configForB, Does.Contain("127.0.0.2").And.Not.Contain("machine-a"));
            Assert.That(server.RunningPid(), Is.Null);
        }
        finally
        {
            if (server.RunningPid() is { } pid)
            {
                Process.GetProcessById(pid).Kill();
            }

            Run("/usr/sbin/ip", "netns", "del", ns);
            Directory.Delete(directory, recursive: true);
        }
    }

    private static int Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }

    private static string Output(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
