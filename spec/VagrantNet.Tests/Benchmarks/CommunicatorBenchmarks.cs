using System.Diagnostics;
using VagrantNet.Core.Provisioners;
using VagrantNet.Core.SyncedFolders;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Config;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Benchmarks;

/// <summary>
/// Figures, not pass/fail: vnet's communicator, shell provisioner and rsync next to the system ssh and
/// rsync, against the local sshd. Run with <c>--filter Category=Benchmark</c>.
/// </summary>
[TestFixture]
[Explicit("Benchmark: prints figures")]
[Category("Benchmark")]
[NonParallelizable]
public class CommunicatorBenchmarks
{
    private const int Runs = 20;
    private LocalSshServer _server = null!;

    [OneTimeSetUp]
    public void StartServer() => _server = LocalSshServer.Start();

    [OneTimeTearDown]
    public void StopServer() => _server?.Dispose();

    [Test]
    public async Task Commands_OverOneConnection_AgainstOneSshProcessEach()
    {
        // Given
        using var machine = new TestMachine { BaseSshInfo = _server.Info() };
        await machine.Communicator.ExecuteAsync("true", null, CancellationToken.None);
        await machine.Communicator.ResetAsync();

        // When
        var vnet = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            await machine.Communicator.ExecuteAsync("echo hi", null, CancellationToken.None);
        }

        vnet.Stop();
        var system = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            Ssh("echo hi");
        }

        system.Stop();

        // Then
        TestContext.Out.WriteLine($"{Runs} commands: vnet communicator {vnet.ElapsedMilliseconds} ms (one connection), system ssh {system.ElapsedMilliseconds} ms ({Runs} connections)");
        Assert.Pass();
    }

    [Test]
    public async Task OneInlineShellProvisioner_AgainstOneSshCommand()
    {
        // Given
        var definition = new ProvisionConfig().Shell(inline: "echo hi", uploadPath: _server.Home + "/bench-shell");
        var vnet = new List<long>();
        var system = new List<long>();

        // When
        for (var i = 0; i < 5; i++)
        {
            using var machine = new TestMachine { BaseSshInfo = _server.Info() };
            var watch = Stopwatch.StartNew();
            await new ShellProvisioner().ProvisionAsync(machine, definition, CancellationToken.None);
            await machine.Communicator.DisposeAsync();
            vnet.Add(watch.ElapsedMilliseconds);
            watch.Restart();
            Ssh("sudo -E -H bash -l -c 'echo hi'");
            system.Add(watch.ElapsedMilliseconds);
        }

        // Then
        TestContext.Out.WriteLine($"inline shell provisioner, fresh connections: vnet median {Median(vnet)} ms (connect, SFTP upload, sudo bash -l), system ssh running sudo bash -l -c median {Median(system)} ms");
        Assert.Pass();
    }

    [Test]
    public async Task RsyncOfASmallFolder_AgainstTheSameRsyncByHand()
    {
        // Given
        using var machine = new TestMachine(c =>
        {
            c.Vm.SyncedFolder(".", "/vagrant", disabled: true);
            c.Vm.SyncedFolder(".", _server.Home + "/bench-rsync");
        })
        { BaseSshInfo = _server.Info() };
        for (var i = 0; i < 50; i++)
        {
            Directory.CreateDirectory(machine.ProjectDirectory);
            await File.WriteAllTextAsync(Path.Combine(machine.ProjectDirectory, $"file{i}.txt"), new string('x', 1024));
        }

        var folder = SyncedFolderPlan.For(machine).Single().Folders.Single();
        var info = (await machine.SshInfoAsync(CancellationToken.None))!;
        await RsyncHelper.SyncAsync(machine, info, folder, CancellationToken.None);

        // When
        var vnet = Stopwatch.StartNew();
        await RsyncHelper.SyncAsync(machine, info, folder, CancellationToken.None);
        vnet.Stop();
        var arguments = RsyncHelper.Arguments(folder, info);
        var system = Stopwatch.StartNew();
        Run("rsync", [.. arguments]);
        system.Stop();

        // Then
        TestContext.Out.WriteLine($"rsync of 50 small files (no change): vnet {vnet.ElapsedMilliseconds} ms (mkdir/chown + rsync + chown over its connection), rsync by hand {system.ElapsedMilliseconds} ms");
        Assert.Pass();
    }

    private void Ssh(string command) =>
        Run("ssh", ["-i", _server.ClientKey, "-p", _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", $"{_server.User}@127.0.0.1", command]);

    private static void Run(string program, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero);
    }

    private static long Median(List<long> values) => values.Order().ElementAt(values.Count / 2);
}
