using System.Net;
using System.Net.Sockets;
using System.Text;
using VagrantNet.Acceptance.Support;

namespace VagrantNet.Acceptance;

[TestFixture]
[NonParallelizable]
public class LifecycleTests : AcceptanceTest
{
    /// <summary>The host port forwarded to the guest's sshd (inside the test namespace, so it meets nothing else).</summary>
    private const int ForwardedSshPort = 18022;

    private const string OneMachineWithAForwardedPort = """
        Vagrant.Configure(config =>
        {
            config.Vm.Box = "vnet/debian12";
            config.Vm.SyncedFolder(".", "/vagrant", disabled: true);
            config.Vm.Provision.Shell(name: "hello", inline: "echo provisioned-$(hostname) >> /var/tmp/provisioned");
            config.Vm.Network.ForwardedPort(guest: 22, host: 18022, hostIp: "127.0.0.1");
            config.Trigger.After("up", t =>
            {
                t.Name = "mark";
                t.Run = new TriggerRun { Inline = "touch after-up-ran" };
                t.RunRemote = new ShellProvisionerConfig { Inline = "echo from-trigger > /var/tmp/trigger" };
            });
        });
        """;

    [Test]
    public void OneMachine_GoesThroughTheWholeLifecycle()
    {
        var project = NewProject("life", OneMachineWithAForwardedPort);
        var dir = project.Directory;

        // up: a real guest from the test box, provisioned on first boot, its sshd forwarded to a host port
        var up = Vnet.Run(dir, "up").Ok();
        Assert.That(up.Stdout, Does.Contain("==> default:").And.Contain($"22 (guest) => {ForwardedSshPort} (host)"));
        Assert.That(Banner(ForwardedSshPort), Does.StartWith("SSH-2.0-"), "the forwarded host port reaches the guest's sshd");
        Assert.That(Vnet.Run(dir, "port").Ok().Stdout, Does.Contain($"22 (guest) => {ForwardedSshPort} (host)"));

        // the after-up trigger ran on the host, in the project directory, and in the guest
        Assert.That(up.Stdout, Does.Contain("Running action triggers after up ...").And.Contain("Running trigger: mark..."));
        Assert.That(File.Exists(Path.Combine(dir, "after-up-ran")), Is.True, "the trigger's run ran on the host");
        Assert.That(Vnet.Run(dir, "ssh", "-c", "cat /var/tmp/trigger").Ok().Stdout.Trim(), Is.EqualTo("from-trigger"), "the trigger's run_remote ran in the guest");
        Assert.That(Vnet.Run(dir, "port", "--guest", "22").Ok().Stdout.Trim(), Is.EqualTo(ForwardedSshPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // ssh -c: output streams back and the remote exit code is returned
        var ssh = Vnet.Run(dir, "ssh", "-c", "cat /var/tmp/provisioned; exit 3");
        Assert.That(ssh.ExitCode, Is.EqualTo(3), ssh.Output);
        Assert.That(ssh.Stdout, Does.Contain("provisioned-"));

        Assert.That(Vnet.Run(dir, "status").Ok().Stdout, Does.Contain("running (libvirt)"));
        Assert.That(Vnet.Run(dir, "ssh-config").Ok().Stdout, Does.Contain("Host default").And.Contain("IdentityFile"));

        // halt, then up again without provisioning
        Vnet.Run(dir, "halt").Ok();
        Assert.That(Vnet.Run(dir, "status").Ok().Stdout, Does.Contain("shutoff"));
        Assert.That(Banner(ForwardedSshPort), Is.Null, "halt stops the port forwarding");
        var sshWhileHalted = Vnet.Run(dir, "ssh", "-c", "true");
        Assert.That(sshWhileHalted.ExitCode, Is.EqualTo(1));
        Assert.That(sshWhileHalted.Stderr, Does.Contain("not running"));
        Vnet.Run(dir, "up").Ok();
        Assert.That(Vnet.Run(dir, "ssh", "-c", "wc -l < /var/tmp/provisioned").Ok().Stdout.Trim(), Is.EqualTo("1"), "provisioners run once: a second up must not run them");
        Assert.That(Banner(ForwardedSshPort), Does.StartWith("SSH-2.0-"), "up of a halted machine forwards its ports again");

        // suspend and resume
        Vnet.Run(dir, "suspend").Ok();
        Assert.That(Vnet.Run(dir, "status").Ok().Stdout, Does.Contain("paused"));
        Assert.That(Banner(ForwardedSshPort), Is.Null, "suspend stops the port forwarding");
        Vnet.Run(dir, "resume").Ok();
        Assert.That(Vnet.Run(dir, "status").Ok().Stdout, Does.Contain("running"));
        Assert.That(Banner(ForwardedSshPort), Does.StartWith("SSH-2.0-"), "resume forwards the ports again");

        // reload applies a changed memory and CPU count (the domain is redefined before it starts), then provision on demand
        File.WriteAllText(Path.Combine(dir, "Vagrantfile.csx"), OneMachineWithAForwardedPort.Replace(
            "config.Vm.Box = \"vnet/debian12\";",
            "config.Vm.Box = \"vnet/debian12\"; config.Vm.Provider(\"libvirt\", p => { p[\"memory\"] = 768; p[\"cpus\"] = 2; });",
            StringComparison.Ordinal));
        var reload = Vnet.Run(dir, "reload").Ok();
        Assert.That(reload.Stdout, Does.Contain("Updating domain definition due to configuration change:")
            .And.Contain("memory       512 MiB -> 768 MiB").And.Contain("cpus         1 -> 2"));
        var sizes = Vnet.Run(dir, "ssh", "-c", "nproc; awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo").Ok().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(sizes[0], Is.EqualTo("2"), "the guest sees the new CPU count");
        Assert.That(int.Parse(sizes[1], System.Globalization.CultureInfo.InvariantCulture), Is.InRange(600, 768), "the guest sees the new memory (MiB, less what the kernel keeps)");
        Vnet.Run(dir, "provision").Ok();
        Assert.That(Vnet.Run(dir, "ssh", "-c", "wc -l < /var/tmp/provisioned").Ok().Stdout.Trim(), Is.EqualTo("2"), "vnet provision runs them again");

        // destroy removes the domain, its volume and its state
        Vnet.Run(dir, "destroy", "-f").Ok();
        Assert.That(Vnet.Run(dir, "status").Ok().Stdout, Does.Contain("not created"));
        Assert.That(Directory.Exists(Path.Combine(dir, ".vnet", "machines", "default", "libvirt")), Is.False);
        Assert.That(Libvirt.Volumes(), Has.Some.Contains("_vagrant_box_image_"), "destroy never removes the shared box image");
        Assert.That(Banner(ForwardedSshPort), Is.Null, "destroy stops the port forwarding");
        Assert.That(ForwardingProcesses(), Is.Empty, "no ssh forwarding process outlives the machine");
    }

    /// <summary>What a server on the host port says first, or null when nothing listens there.</summary>
    private static string? Banner(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.ReceiveTimeout = 20_000;
            client.Connect(IPAddress.Loopback, port);
            var buffer = new byte[64];
            var read = client.GetStream().Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return null;
        }
    }

    /// <summary>Command lines of the ssh processes vnet starts to forward ports (they name a vnet-fwd- control socket).</summary>
    private static List<string> ForwardingProcesses() =>
        [.. Directory.GetDirectories("/proc")
            .Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Select(d =>
            {
                try
                {
                    return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' ');
                }
                catch (IOException)
                {
                    return string.Empty;
                }
            })
            .Where(c => c.StartsWith("ssh ", StringComparison.Ordinal) && c.Contains("vnet-fwd-", StringComparison.Ordinal))];
}
