using VagrantNet.Acceptance.Support;

namespace VagrantNet.Acceptance;

[TestFixture]
[NonParallelizable]
public class LifecycleTests : AcceptanceTest
{
    [Test]
    public void OneMachine_GoesThroughTheWholeLifecycle()
    {
        var project = NewProject("life", OneMachine);
        var dir = project.Directory;

        // up: a real guest from the test box, provisioned on first boot
        var up = Vnet.Run(dir, "up").Ok();
        Assert.That(up.Stdout, Does.Contain("==> default:"));

        // ssh -c: output streams back and the remote exit code is returned
        var ssh = Vnet.Run(dir, "ssh", "-c", "cat /var/tmp/provisioned; exit 3");
        Assert.That(ssh.ExitCode, Is.EqualTo(3), ssh.Output);
        Assert.That(ssh.Stdout, Does.Contain("provisioned-"));

        Assert.That(Vnet.Run(dir, "status").Ok().Stdout, Does.Contain("running (libvirt)"));
        Assert.That(Vnet.Run(dir, "ssh-config").Ok().Stdout, Does.Contain("Host default").And.Contain("IdentityFile"));

        // halt, then up again without provisioning
        Vnet.Run(dir, "halt").Ok();
        Assert.That(Vnet.Run(dir, "status").Ok().Stdout, Does.Contain("shutoff"));
        var sshWhileHalted = Vnet.Run(dir, "ssh", "-c", "true");
        Assert.That(sshWhileHalted.ExitCode, Is.EqualTo(1));
        Assert.That(sshWhileHalted.Stderr, Does.Contain("not running"));
        Vnet.Run(dir, "up").Ok();
        Assert.That(Vnet.Run(dir, "ssh", "-c", "wc -l < /var/tmp/provisioned").Ok().Stdout.Trim(), Is.EqualTo("1"), "provisioners run once: a second up must not run them");

        // suspend and resume
        Vnet.Run(dir, "suspend").Ok();
        Assert.That(Vnet.Run(dir, "status").Ok().Stdout, Does.Contain("paused"));
        Vnet.Run(dir, "resume").Ok();
        Assert.That(Vnet.Run(dir, "status").Ok().Stdout, Does.Contain("running"));

        // reload, then provision on demand
        Vnet.Run(dir, "reload").Ok();
        Vnet.Run(dir, "provision").Ok();
        Assert.That(Vnet.Run(dir, "ssh", "-c", "wc -l < /var/tmp/provisioned").Ok().Stdout.Trim(), Is.EqualTo("2"), "vnet provision runs them again");

        // destroy removes the domain, its volume and its state
        Vnet.Run(dir, "destroy", "-f").Ok();
        Assert.That(Vnet.Run(dir, "status").Ok().Stdout, Does.Contain("not created"));
        Assert.That(Directory.Exists(Path.Combine(dir, ".vnet", "machines", "default", "libvirt")), Is.False);
        Assert.That(Libvirt.Volumes(), Has.Some.Contains("_vagrant_box_image_"), "destroy never removes the shared box image");
    }
}
