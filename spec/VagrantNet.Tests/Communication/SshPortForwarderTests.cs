using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using VagrantNet.Core;
using VagrantNet.Core.Communication;
using VagrantNet.Core.Processes;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Communication;

/// <summary>
/// Forwarded ports through the host's ssh against a real sshd on loopback, which stands in for the guest: the
/// "guest port" forwarded is the sshd's own, so a forwarded connection is greeted with its SSH banner.
/// </summary>
[TestFixture]
[NonParallelizable]
public class SshPortForwarderTests
{
    private LocalSshServer _server = null!;
    private readonly List<TestMachine> _machines = [];
    private readonly List<TcpListener> _squatters = [];

    [OneTimeSetUp]
    public void StartServer() => _server = LocalSshServer.Start();

    [OneTimeTearDown]
    public void StopServer() => _server?.Dispose();

    [SetUp]
    public void Authorize() => _server.Authorize(_server.PublicKey(_server.ClientKey));

    [TearDown]
    public async Task CleanUp()
    {
        foreach (var machine in _machines)
        {
            await new SshPortForwarder(new ProcessRunner(NullLogger.Instance)).StopAsync(machine, CancellationToken.None);
            machine.Dispose();
        }

        _machines.Clear();
        _squatters.ForEach(s => s.Stop());
        _squatters.Clear();
    }

    [Test]
    public async Task Forwards_A_Host_Port_To_The_Guest_Until_Stopped()
    {
        // Given
        var hostPort = FreePort();
        var machine = Machine(c => c.Vm.Network.ForwardedPort(guest: _server.Port, host: hostPort, hostIp: "127.0.0.1"));
        var forwarder = new SshPortForwarder(new ProcessRunner(NullLogger.Instance));

        // When
        var started = await forwarder.StartAsync(machine, _server.Info(), CancellationToken.None);
        var banner = await BannerAsync(hostPort);
        var active = await forwarder.ActiveAsync(machine, CancellationToken.None);
        var stopped = await forwarder.StopAsync(machine, CancellationToken.None);

        // Then
        Assert.That(started.Single().HostPort, Is.EqualTo(hostPort));
        Assert.That(banner, Does.StartWith("SSH-2.0-"));
        Assert.That(active.Select(p => (p.GuestPort, p.HostPort)), Is.EqualTo(new[] { (_server.Port, hostPort) }));
        Assert.That(stopped, Is.True);
        Assert.That(await ConnectsAsync(hostPort), Is.False, "the host port still answers after StopAsync");
        Assert.That(await forwarder.ActiveAsync(machine, CancellationToken.None), Is.Empty);
        Assert.That(machine.ReadState(SshPortForwarder.StateFile), Is.Null);
    }

    [Test]
    public async Task A_Taken_Host_Port_Is_Refused_Naming_It_And_Nothing_Is_Forwarded()
    {
        // Given
        var taken = Squat();
        var free = FreePort();
        var machine = Machine(c =>
        {
            c.Vm.Network.ForwardedPort(guest: _server.Port, host: free, hostIp: "127.0.0.1");
            c.Vm.Network.ForwardedPort(guest: 80, host: taken, hostIp: "127.0.0.1");
        });
        var forwarder = new SshPortForwarder(new ProcessRunner(NullLogger.Instance));

        // When
        var error = Assert.ThrowsAsync<VnetException>(() => forwarder.StartAsync(machine, _server.Info(), CancellationToken.None));

        // Then
        Assert.That(error!.Message, Does.Contain($"host port {taken} (forwarded to guest port 80) is already in use").And.Contain("autoCorrect"));
        Assert.That(await ConnectsAsync(free), Is.False);
        Assert.That(await forwarder.ActiveAsync(machine, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task AutoCorrect_Moves_A_Taken_Port_Into_Vagrants_Range_And_Says_So()
    {
        // Given
        var taken = Squat();
        var machine = Machine(c => c.Vm.Network.ForwardedPort(guest: _server.Port, host: taken, hostIp: "127.0.0.1", autoCorrect: true));

        // When
        var started = await new SshPortForwarder(new ProcessRunner(NullLogger.Instance)).StartAsync(machine, _server.Info(), CancellationToken.None);

        // Then
        var moved = started.Single().HostPort;
        Assert.That(moved, Is.InRange(SshPortForwarder.AutoCorrectFirst, SshPortForwarder.AutoCorrectLast));
        Assert.That(await BannerAsync(moved), Does.StartWith("SSH-2.0-"));
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains($"Fixed port collision for {_server.Port} => {taken}. Now on port {moved}."));
    }

    [Test]
    public async Task Udp_Ports_Are_Skipped_With_A_Warning()
    {
        // Given
        var machine = Machine(c => c.Vm.Network.ForwardedPort(guest: 53, host: FreePort(), protocol: "udp"));

        // When
        var started = await new SshPortForwarder(new ProcessRunner(NullLogger.Instance)).StartAsync(machine, _server.Info(), CancellationToken.None);

        // Then
        Assert.That(started, Is.Empty);
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains("53/udp").And.Some.Contains("TCP only"));
        Assert.That(machine.ReadState(SshPortForwarder.StateFile), Is.Null);
    }

    [Test]
    public async Task Starting_Again_Replaces_The_Running_Forwarding()
    {
        // Given
        var hostPort = FreePort();
        var machine = Machine(c => c.Vm.Network.ForwardedPort(guest: _server.Port, host: hostPort, hostIp: "127.0.0.1"));
        var forwarder = new SshPortForwarder(new ProcessRunner(NullLogger.Instance));
        await forwarder.StartAsync(machine, _server.Info(), CancellationToken.None);

        // When: the port is its own (first) forwarding's, which must go first rather than count as taken.
        var again = await forwarder.StartAsync(machine, _server.Info(), CancellationToken.None);

        // Then
        Assert.That(again.Single().HostPort, Is.EqualTo(hostPort));
        Assert.That(await BannerAsync(hostPort), Does.StartWith("SSH-2.0-"));
    }

    [Test]
    public async Task Stopping_After_The_Guest_Went_Away_Clears_The_Record()
    {
        // Given: a record whose control socket no longer exists (the master died with its guest).
        var machine = Machine(c => c.Vm.Network.ForwardedPort(guest: 80, host: 8080));
        machine.WriteState(SshPortForwarder.StateFile, "/tmp/vnet-fwd-gone\ntcp\t0.0.0.0\t8080\t127.0.0.1\t80\ttcp80\n");
        var forwarder = new SshPortForwarder(new ProcessRunner(NullLogger.Instance));

        // When
        var active = await forwarder.ActiveAsync(machine, CancellationToken.None);
        var stopped = await forwarder.StopAsync(machine, CancellationToken.None);

        // Then
        Assert.That(active, Is.Empty);
        Assert.That(stopped, Is.True);
        Assert.That(machine.ReadState(SshPortForwarder.StateFile), Is.Null);
    }

    private TestMachine Machine(Action<VagrantNet.Sdk.Config.RootConfig> configure)
    {
        var machine = new TestMachine(configure) { BaseSshInfo = _server.Info() };
        _machines.Add(machine);
        return machine;
    }

    private int Squat()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _squatters.Add(listener);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> BannerAsync(int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        var buffer = new byte[64];
        var read = await client.GetStream().ReadAsync(buffer, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    private static async Task<bool> ConnectsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
