using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using VagrantNet.Acceptance.Support;

namespace VagrantNet.Acceptance;

[TestFixture]
[NonParallelizable]
public class PublicNetworkTests : AcceptanceTest
{
    /// <summary>A Linux bridge in the test's own network namespace: the "physical" network the guest is bridged onto.</summary>
    private const string Bridge = "labpub0";

    [SetUp]
    public void CreateBridge()
    {
        Ip("link", "del", Bridge);
        Assert.That(Ip("link", "add", Bridge, "type", "bridge"), Is.Zero);
        Assert.That(Ip("addr", "add", "10.55.0.1/24", "dev", Bridge), Is.Zero);
        Assert.That(Ip("link", "set", Bridge, "up"), Is.Zero);
    }

    [TearDown]
    public void DeleteBridge() => Ip("link", "del", Bridge);

    [Test]
    public void PublicNetworkOnAHostBridge_ReachesTheGuestAtItsStaticAddress()
    {
        // Given
        var project = NewProject("pub", $$"""
            Vagrant.Configure(config =>
            {
                config.Vm.Box = "vnet/debian12";
                config.Vm.SyncedFolder(".", "/vagrant", disabled: true);
                config.Vm.Network.PublicNetwork(ip: "10.55.0.10", bridge: "{{Bridge}}", options: new() { ["type"] = "bridge" });
            });
            """);
        var dir = project.Directory;

        // When
        Vnet.Run(dir, "up").Ok();

        // Then: the guest has the address on its bridged NIC, and the host reaches its sshd there
        Assert.That(Guest(dir, "ip -4 -o addr show | grep -c 10.55.0.10/24"), Is.EqualTo("1"));
        Assert.That(Banner("10.55.0.10", 22), Does.StartWith("SSH-2.0-"));
        Assert.That(Libvirt.Networks(), Has.None.Contains(Bridge), "a public network creates no libvirt network");

        Vnet.Run(dir, "destroy", "-f").Ok();
    }

    private static int Ip(params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo("ip", args) { RedirectStandardError = true })!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }

    private static string? Banner(string address, int port)
    {
        using var client = new TcpClient();
        client.ReceiveTimeout = 20_000;
        client.Connect(IPAddress.Parse(address), port);
        var buffer = new byte[64];
        return Encoding.ASCII.GetString(buffer, 0, client.GetStream().Read(buffer));
    }
}
