using System.Diagnostics;
using System.Globalization;
using VagrantNet.Core.Provisioners;
using VagrantNet.Core.SyncedFolders;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Config;
using VagrantNet.Tests.Support;

namespace VagrantNet.Benchmarks;

/// <summary>
/// vnet's communicator, shell provisioner and rsync next to the system ssh and rsync, against a local sshd (the tests'
/// <see cref="LocalSshServer"/>: Linux, root, openssh-server). Not a test: it prints figures.
/// </summary>
internal static class CommunicatorBenchmark
{
    private const int Runs = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        LocalSshServer server;
        try
        {
            server = LocalSshServer.Start();
        }
        catch (IgnoreException e)
        {
            // The server says what this host lacks; the other benchmarks of an `all` run go on.
            Console.WriteLine($"communicator benchmark skipped: {e.Message}");
            return 0;
        }

        using (server)
        {
            await CommandsOverOneConnectionAsync(server);
            await InlineShellProvisionerAsync(server);
            await RsyncOfASmallFolderAsync(server);
        }

        return 0;
    }

    private static async Task CommandsOverOneConnectionAsync(LocalSshServer server)
    {
        using var machine = new TestMachine { BaseSshInfo = server.Info() };
        await machine.Communicator.ExecuteAsync("true", null, CancellationToken.None);
        await machine.Communicator.ResetAsync();

        var vnet = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            await machine.Communicator.ExecuteAsync("echo hi", null, CancellationToken.None);
        }

        vnet.Stop();
        var system = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            Ssh(server, "echo hi");
        }

        system.Stop();
        Console.WriteLine($"{Runs} commands: vnet communicator {vnet.ElapsedMilliseconds} ms (one connection), system ssh {system.ElapsedMilliseconds} ms ({Runs} connections)");
    }

    private static async Task InlineShellProvisionerAsync(LocalSshServer server)
    {
        var definition = new ProvisionConfig().Shell(inline: "echo hi", uploadPath: server.Home + "/bench-shell");
        var vnet = new List<long>();
        var system = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            using var machine = new TestMachine { BaseSshInfo = server.Info() };
            var watch = Stopwatch.StartNew();
            await new ShellProvisioner().ProvisionAsync(machine, definition, CancellationToken.None);
            await machine.Communicator.DisposeAsync();
            vnet.Add(watch.ElapsedMilliseconds);
            watch.Restart();
            Ssh(server, "sudo -E -H bash -l -c 'echo hi'");
            system.Add(watch.ElapsedMilliseconds);
        }

        Console.WriteLine($"inline shell provisioner, fresh connections: vnet median {Median(vnet)} ms (connect, SFTP upload, sudo bash -l), system ssh running sudo bash -l -c median {Median(system)} ms");
    }

    private static async Task RsyncOfASmallFolderAsync(LocalSshServer server)
    {
        using var machine = new TestMachine(c =>
        {
            c.Vm.SyncedFolder(".", "/vagrant", disabled: true);
            c.Vm.SyncedFolder(".", server.Home + "/bench-rsync");
        })
        { BaseSshInfo = server.Info() };
        Directory.CreateDirectory(machine.ProjectDirectory);
        for (var i = 0; i < 50; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(machine.ProjectDirectory, $"file{i}.txt"), new string('x', 1024));
        }

        var folder = SyncedFolderPlan.For(machine).Single().Folders.Single();
        var info = (await machine.SshInfoAsync(CancellationToken.None))!;
        await RsyncHelper.SyncAsync(machine, info, folder, CancellationToken.None);

        var vnet = Stopwatch.StartNew();
        await RsyncHelper.SyncAsync(machine, info, folder, CancellationToken.None);
        vnet.Stop();
        var system = Stopwatch.StartNew();
        Run("rsync", [.. RsyncHelper.Arguments(folder, info)]);
        system.Stop();
        Console.WriteLine($"rsync of 50 small files (no change): vnet {vnet.ElapsedMilliseconds} ms (mkdir/chown + rsync + chown over its connection), rsync by hand {system.ElapsedMilliseconds} ms");
    }

    private static void Ssh(LocalSshServer server, string command) =>
        Run("ssh", ["-i", server.ClientKey, "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", $"{server.User}@127.0.0.1", command]);

    private static void Run(string program, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {error.Trim()}");
        }
    }

    private static long Median(List<long> values) => values.Order().ElementAt(values.Count / 2);
}
