namespace VagrantNet.Acceptance;

[TestFixture]
[NonParallelizable]
public class ProvisionerTests : AcceptanceTest
{
    [Test]
    public void ShellAndFileProvisioners_RunInTheGuest_WithVagrantsRules()
    {
        // Given
        var project = NewProject("prov", """
            Vagrant.Configure(config =>
            {
                config.Vm.Box = "vnet/debian12";
                config.Vm.SyncedFolder(".", "/vagrant", disabled: true);
                config.Vm.Provision.Shell(name: "inline", inline: "echo \"$GREETING $1|$2\" > /var/tmp/inline; id -un >> /var/tmp/inline",
                    args: new[] { "a b", "c" }, env: new() { ["GREETING"] = "hi" });
                config.Vm.Provision.Shell(name: "path", path: "script.sh", args: "x y", privileged: false);
                config.Vm.Provision.File("payload.txt", "~/payload.txt", name: "file");
                config.Vm.Provision.Shell(name: "always", inline: "echo run >> /var/tmp/always", run: Run.Always);
                config.Vm.Provision.Shell(name: "later", inline: "touch /var/tmp/later", run: Run.Never);
                config.Vm.Provision.Shell(name: "fails", inline: "echo about to fail; exit 7", run: Run.Never);
            });
            """);
        var dir = project.Directory;
        File.WriteAllText(Path.Combine(dir, "script.sh"), "#!/bin/bash\necho \"path $1 $2 $(id -un)\" > /var/tmp/path-out\n");
        File.WriteAllText(Path.Combine(dir, "payload.txt"), "payload from the host");

        // When
        Vnet.Run(dir, "up").Ok();

        // Then: inline with list args and env, as root; a script by path with a raw arg string, unprivileged; a file upload
        Assert.That(Guest(dir, "cat /var/tmp/inline"), Is.EqualTo("hi a b|c\nroot"));
        Assert.That(Guest(dir, "cat /var/tmp/path-out"), Is.EqualTo("path x y vagrant"));
        Assert.That(Guest(dir, "cat ~/payload.txt"), Is.EqualTo("payload from the host"));
        Assert.That(Guest(dir, "wc -l < /var/tmp/always"), Is.EqualTo("1"));
        Assert.That(Guest(dir, "test -e /var/tmp/later && echo yes || echo no"), Is.EqualTo("no"), "run: never ones wait to be named");

        // A reload runs only the run: always ones
        Vnet.Run(dir, "reload").Ok();
        Assert.That(Guest(dir, "wc -l < /var/tmp/always"), Is.EqualTo("2"));
        Assert.That(Guest(dir, "wc -l < /var/tmp/inline"), Is.EqualTo("2"), "once ones do not run again on reload");

        // --provision-with runs exactly the named ones, even run: never
        Vnet.Run(dir, "provision", "--provision-with", "later").Ok();
        Assert.That(Guest(dir, "test -e /var/tmp/later && echo yes || echo no"), Is.EqualTo("yes"));
        Assert.That(Guest(dir, "wc -l < /var/tmp/always"), Is.EqualTo("2"));

        // A failing provisioner fails the command, naming it and its exit code
        var failed = Vnet.Run(dir, "provision", "--provision-with", "fails");
        Assert.That(failed.ExitCode, Is.EqualTo(1), failed.Output);
        Assert.That(failed.Stdout, Does.Contain("about to fail"));
        Assert.That(failed.Stderr, Does.Contain("fails").And.Contain("7"));

        Vnet.Run(dir, "destroy", "-f").Ok();
    }
}
