using System.Diagnostics;
using VagrantNet.Core.Guests;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Tests.Guests;

[TestFixture]
public class LinuxScriptsTests
{
    [Test]
    public void ChangeHostName_SetsTheHostname_AndReplacesThe127011Line_InAPrivateNamespace()
    {
        // Given: copies of /etc/hosts and /etc/hostname bound over the real ones in a private mount and UTS namespace
        var directory = Directory.CreateTempSubdirectory("vnet-hostname-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "hosts"), "127.0.0.1\tlocalhost\n127.0.1.1\told.example old\n::1\tlocalhost\n");
            File.WriteAllText(Path.Combine(directory, "hostname"), "old\n");
            File.WriteAllText(Path.Combine(directory, "change.sh"), LinuxScripts.ChangeHostName("web.example.test"));
            var script = $"""
                mount --bind {directory}/hosts /etc/hosts && mount --bind {directory}/hostname /etc/hostname || exit 99
                sh {directory}/change.sh && hostname > {directory}/now
                """;

            // When
            var exit = Run("unshare", "-m", "-u", "bash", "-c", script);
            if (exit == 99 || !File.Exists(Path.Combine(directory, "now")) && exit != 0)
            {
                Assert.Ignore($"This host cannot make private mount and UTS namespaces (exit {exit}).");
            }

            // Then
            Assert.That(exit, Is.Zero);
            Assert.That(File.ReadAllText(Path.Combine(directory, "now")).Trim(), Is.EqualTo("web.example.test"));
            Assert.That(File.ReadAllText(Path.Combine(directory, "hostname")).Trim(), Is.EqualTo("web.example.test"));
            Assert.That(File.ReadAllLines(Path.Combine(directory, "hosts")), Is.EqualTo(new[] { "127.0.0.1\tlocalhost", "127.0.1.1\tweb.example.test web", "::1\tlocalhost" }));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void ChangeHostName_RefusesAnInvalidName()
    {
        // When / Then
        Assert.That(() => LinuxScripts.ChangeHostName("bad name; rm -rf /"), Throws.InstanceOf<Core.VnetException>());
    }

    [Test]
    public void NetworkScript_IsValidShell_AndConfiguresEachToolForStaticAndDhcpNics()
    {
        // Given
        var networks = new[]
        {
            new GuestNetwork("eth1", new NetworkDefinition { Kind = NetworkKind.Private, Ip = "10.20.30.10", Type = "static", Netmask = "255.255.255.0" }),
            new GuestNetwork("eth2", new NetworkDefinition { Kind = NetworkKind.Private, Type = "dhcp" }),
            new GuestNetwork("eth3", new NetworkDefinition { Kind = NetworkKind.Public, Ip = "192.168.50.4", Type = "static", Netmask = "16" }),
        };

        // When
        var script = NetworkScript.Build(networks);

        // Then
        Assert.That(Run("sh", "-n", "-c", script), Is.Zero);
        Assert.That(script, Does.Contain("[Match]\nName=eth1\n\n[Network]\nAddress=10.20.30.10/24\n"));
        Assert.That(script, Does.Contain("[Match]\nName=eth2\n\n[Network]\nDHCP=yes\n"));
        Assert.That(script, Does.Contain("    eth3:\n      addresses: [\"192.168.50.4/16\"]\n"));
        Assert.That(script, Does.Contain("iface eth1 inet static\n    address 10.20.30.10\n    netmask 255.255.255.0\n"));
        Assert.That(script, Does.Contain("iface eth2 inet dhcp\n"));
        Assert.That(script, Does.Contain("nmcli connection add type ethernet con-name vnet-eth3 ifname eth3 ipv4.method manual ipv4.addresses 192.168.50.4/16"));
    }

    [Test]
    public void NetworkScript_SkipsNetworksWithoutAutoConfig_AndRefusesOddInterfaceNames()
    {
        // Given
        var manual = new GuestNetwork("eth1", new NetworkDefinition { Kind = NetworkKind.Private, Ip = "10.0.0.2", AutoConfig = false });
        var odd = new GuestNetwork("eth1; reboot", new NetworkDefinition { Kind = NetworkKind.Private, Ip = "10.0.0.2" });

        // When
        var script = NetworkScript.Build([manual]);

        // Then
        Assert.That(script, Does.Not.Contain("eth1"));
        Assert.That(() => NetworkScript.Build([odd]), Throws.InstanceOf<Core.VnetException>());
    }

    [TestCase("24", "255.255.255.0")]
    [TestCase("255.255.0.0", "255.255.0.0")]
    [TestCase(null, "255.255.255.0")]
    [TestCase("28", "255.255.255.240")]
    public void Netmask_AcceptsAPrefixLengthOrADottedMask(string? given, string dotted)
    {
        // Given
        var network = new NetworkDefinition { Ip = "10.0.0.2", Netmask = given };

        // When / Then
        Assert.That(NetworkScript.Netmask(network), Is.EqualTo(dotted));
    }

    private static int Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                TestContext.Out.WriteLine(stderr);
            }

            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore($"{program} is not available here.");
            return -1;
        }
    }
}
