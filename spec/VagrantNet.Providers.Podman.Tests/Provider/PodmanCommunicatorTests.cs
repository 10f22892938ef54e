using VagrantNet.Providers.Podman.Tests.Support;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Providers.Podman.Tests.Provider;

/// <summary>Commands and files through <c>podman exec</c> and <c>podman cp</c>.</summary>
public class PodmanCommunicatorTests
{
    [Test]
    public async Task Sudo_Command_Runs_As_Root_In_The_Login_Shell()
    {
        // Given
        using var podman = new PodmanMachine();
        podman.Machine.Id = "c0ffee";

        // When
        await podman.Machine.Communicator.ExecuteAsync("echo hi", new ExecuteOptions { Sudo = true }, CancellationToken.None);

        // Then
        Assert.That(podman.Host.Runner.Requests.Single().Arguments, Is.EqualTo(new[] { "exec", "--user", "root", "c0ffee", "bash", "-l", "-c", "echo hi" }));
    }

    [Test]
    public void Failing_Command_Throws_With_Its_Status_And_Stderr()
    {
        // Given
        using var podman = new PodmanMachine();
        podman.Machine.Id = "c0ffee";
        podman.Host.On("podman exec c0ffee", exit: 3, stderr: "boom");

        // When
        var error = Assert.ThrowsAsync<RemoteCommandException>(() => podman.Machine.Communicator.ExecuteAsync("false", null, CancellationToken.None));

        // Then
        Assert.That((error!.ExitCode, error.Stderr), Is.EqualTo((3, "boom")));
    }

    [Test]
    public async Task Upload_And_Download_Copy_Through_Podman_Cp()
    {
        // Given
        using var podman = new PodmanMachine();
        podman.Machine.Id = "c0ffee";

        // When
        await podman.Machine.Communicator.UploadAsync("/tmp/a", "/tmp/b", CancellationToken.None);
        await podman.Machine.Communicator.DownloadAsync("/etc/os-release", "/tmp/c", CancellationToken.None);

        // Then
        Assert.That(podman.Commands, Is.EqualTo(new[] { "podman cp /tmp/a c0ffee:/tmp/b", "podman cp c0ffee:/etc/os-release /tmp/c" }));
    }

    [Test]
    public async Task Ready_Needs_A_Running_Container_That_Runs_A_Command()
    {
        // Given
        using var podman = new PodmanMachine();
        podman.Machine.Id = "c0ffee";
        podman.Host.On("podman container inspect --format {{.State.Status}} c0ffee", "exited\n");

        // When
        var ready = await podman.Machine.Communicator.ReadyAsync(CancellationToken.None);

        // Then
        Assert.That(ready, Is.False);
        Assert.That(podman.Commands, Has.None.StartsWith("podman exec"));
    }

    [Test]
    public async Task Provider_Offers_No_Ssh()
    {
        // Given
        using var podman = new PodmanMachine();
        podman.Machine.Id = "c0ffee";

        // When
        var ssh = await podman.Machine.Provider.SshInfoAsync(CancellationToken.None);

        // Then
        Assert.That(ssh, Is.Null);
    }
}
