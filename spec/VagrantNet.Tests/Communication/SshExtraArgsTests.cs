using VagrantNet.Cli.Commands;
using VagrantNet.Core.SyncedFolders;
using VagrantNet.Sdk.Machines;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Communication;

/// <summary>
/// <c>config.Ssh.ExtraArgs</c> reaches every system ssh vnet runs for the user, as Vagrant's <c>ssh.extra_args</c> does:
/// <c>vnet ssh</c> with and without <c>-c</c>, and rsync's transport.
/// </summary>
[TestFixture]
public class SshExtraArgsTests
{
    private static readonly SshInfo Info = new("192.0.2.10", 22, "vagrant") { PrivateKeyPaths = ["/keys/id"], ExtraArgs = ["-L", "8080:localhost:80", "-6"] };

    [Test]
    public void VnetSsh_PassesTheExtraArgs_AfterItsOwnOptions_AndBeforeTheWordsAfterTheDoubleDash()
    {
        // When
        var args = SshArguments.For(Info, tty: true, command: null, extra: ["-v"]);

        // Then: ssh takes the first -o it sees for a setting, so vnet's own stay ahead; the user's `--` words come last
        Assert.That(args.TakeLast(5), Is.EqualTo(new[] { "-t", "-L", "8080:localhost:80", "-6", "-v" }));
    }

    [Test]
    public void VnetSshWithACommand_PassesTheExtraArgs_BeforeTheCommand()
    {
        // When
        var args = SshArguments.For(Info, tty: false, command: "uptime", extra: []);

        // Then
        Assert.That(args.TakeLast(5), Is.EqualTo(new[] { "-L", "8080:localhost:80", "-6", "--", "uptime" }));
        Assert.That(args[0], Is.EqualTo("vagrant@192.0.2.10"));
    }

    [Test]
    public void RsyncsSsh_EndsWithTheExtraArgs()
    {
        // When
        var ssh = RsyncHelper.SshCommand(Info);

        // Then
        Assert.That(ssh[0], Is.EqualTo("ssh"));
        Assert.That(ssh.TakeLast(3), Is.EqualTo(new[] { "-L", "8080:localhost:80", "-6" }));
    }

    [Test]
    public async Task TheMachinesSshInfo_CarriesTheVagrantfilesExtraArgs()
    {
        // Given
        using var project = new ProjectFixture().WithVagrantfileText("""
            Vagrant.Configure(config =>
            {
                config.Vm.Box = "test/box";
                config.Ssh.ExtraArgs = ["-o", "ServerAliveInterval=5"];
            });
            """);
        project.BuiltinPlugins.Add(RecordingProvider.Plugin);
        await using var environment = await project.LoadEnvironmentAsync();
        var machine = await environment.MachineAsync("default", RecordingProvider.Name, CancellationToken.None);
        machine.Id = Guid.NewGuid().ToString();

        // When
        var info = await machine.SshInfoAsync(CancellationToken.None);

        // Then
        Assert.That(info!.ExtraArgs, Is.EqualTo(new[] { "-o", "ServerAliveInterval=5" }));
    }

    [Test]
    public async Task AMachineWithoutExtraArgs_HasNone()
    {
        // Given
        using var project = new ProjectFixture().WithVagrantfileText("Vagrant.Configure(config => config.Vm.Box = \"test/box\");");
        project.BuiltinPlugins.Add(RecordingProvider.Plugin);
        await using var environment = await project.LoadEnvironmentAsync();
        var machine = await environment.MachineAsync("default", RecordingProvider.Name, CancellationToken.None);
        machine.Id = Guid.NewGuid().ToString();

        // When
        var info = await machine.SshInfoAsync(CancellationToken.None);

        // Then
        Assert.That(info!.ExtraArgs, Is.Empty);
    }
}
