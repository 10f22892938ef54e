namespace VagrantNet.Providers.Podman.Tests.Integration;

/// <summary>
/// The published vnet against real podman, as a user runs it: up from the test image archive, the project folder
/// bind-mounted at /vagrant, a shell provisioner, status, halt, up again, destroy, and no container left. The
/// container has podman's networking off (<c>podman.network = "none"</c>): no traffic leaves the host.
/// </summary>
[TestFixture]
[Category("Podman")]
[NonParallelizable]
public class PodmanLifecycleTests
{
    private string _root = null!;
    private string _project = null!;
    private Dictionary<string, string> _environment = null!;

    [SetUp]
    public void CreateProject()
    {
        RealPodman.RequireOrSkip();
        _root = Directory.CreateTempSubdirectory("vnet-podman-it-").FullName;
        _project = Directory.CreateDirectory(Path.Combine(_root, "podproj")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(_root, "home")).FullName;
        _environment = new() { ["VNET_HOME"] = home, ["CONTAINERS_CONF"] = RealPodman.WriteContainersConf(_root) };
        File.WriteAllText(Path.Combine(_project, "Vagrantfile.csx"), $$"""
            using VagrantNet.Providers.Podman;

            Vagrant.Configure(config =>
            {
                config.Vm.Hostname = "box1";
                config.Vm.Provision.Shell(name: "hello", inline: "echo provisioned-$(hostname) >> /var/tmp/provisioned");
                config.Vm.Provider<PodmanConfig>((p, _) =>
                {
                    p.ImageArchive = "{{RealPodman.ImageArchive}}";
                    p.Network = "none";
                });
            });
            """);
    }

    [TearDown]
    public void RemoveProject()
    {
        if (_project is null)
        {
            return;
        }

        // A failed test must not leave its container behind for the next run.
        foreach (var id in Containers())
        {
            Podman("rm", "--force", id);
        }

        Directory.Delete(_root, recursive: true);
    }

    [Test]
    public void Container_Goes_Through_Up_Ssh_Provision_Halt_Up_And_Destroy_Leaving_No_Container()
    {
        // Given: the project above

        // When
        var up = Vnet("up");
        var vagrantfile = Vnet("ssh", "-c", "cat /vagrant/Vagrantfile.csx");
        var provisioned = Vnet("ssh", "-c", "cat /var/tmp/provisioned");
        var running = Vnet("status");
        var halt = Vnet("halt");
        var stopped = Vnet("status");
        var upAgain = Vnet("up");
        var afterRestart = Vnet("ssh", "-c", "cat /var/tmp/provisioned; hostname");
        var shell = Vnet("ssh");
        var destroy = Vnet("destroy", "-f");

        // Then
        Assert.That(up.Exit, Is.Zero, up.Stdout + up.Stderr);
        Assert.That(vagrantfile.Stdout, Does.Contain("p.Network = \"none\";"), "the project folder is bind-mounted at /vagrant");
        Assert.That(provisioned.Stdout.Trim(), Is.EqualTo("provisioned-box1"));
        Assert.That(running.Stdout, Does.Contain("running (podman)"));
        Assert.That(halt.Exit, Is.Zero, halt.Stdout + halt.Stderr);
        Assert.That(stopped.Stdout, Does.Contain("stopped (podman)"));
        Assert.That(upAgain.Exit, Is.Zero, upAgain.Stdout + upAgain.Stderr);
        Assert.That(afterRestart.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "provisioned-box1", "box1" }), "the container keeps its files, and once provisioners do not run again");
        Assert.That(shell.Exit, Is.EqualTo(1));
        Assert.That(shell.Stderr + shell.Stdout, Does.Contain("uses the 'podman' communicator, not SSH"));
        Assert.That(destroy.Exit, Is.Zero, destroy.Stdout + destroy.Stderr);
        Assert.That(Containers(), Is.Empty, "podman still holds a container of the project");
    }

    private (int Exit, string Stdout, string Stderr) Vnet(params string[] args) => RealPodman.Run(RealPodman.Vnet, args, _project, _environment);

    private (int Exit, string Stdout, string Stderr) Podman(params string[] args) => RealPodman.Run("podman", args, _root, _environment);

    private string[] Containers() =>
        Podman("ps", "--all", "--quiet", "--filter", $"label=vnet.project={_project}").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
