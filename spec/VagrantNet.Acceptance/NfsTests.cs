namespace VagrantNet.Acceptance;

[TestFixture]
[NonParallelizable]
public class NfsTests : AcceptanceTest
{
    [Test]
    public void NfsSyncedFolder_IsSharedBothWays_ThroughTheHostsNfsServer()
    {
        // Given: this host kernel has no NFS server, so vnet runs NFS-Ganesha itself
        var project = NewProject("nfs", """
            Vagrant.Configure(config =>
            {
                config.Vm.Box = "vnet/debian12";
                config.Vm.SyncedFolder(".", "/vagrant", disabled: true);
                config.Vm.SyncedFolder("shared", "/srv/shared", type: "nfs");
            });
            """);
        var dir = project.Directory;
        var shared = Path.Combine(dir, "shared");
        Directory.CreateDirectory(shared);
        File.WriteAllText(Path.Combine(shared, "host.txt"), "written on the host");

        // When
        Vnet.Run(dir, "up").Ok();

        // Then: the guest reads the host's file, and the host sees what the guest writes
        Assert.That(Vnet.Run(dir, "ssh", "-c", "cat /srv/shared/host.txt").Ok().Stdout, Does.Contain("written on the host"));
        Vnet.Run(dir, "ssh", "-c", "echo written in the guest | sudo tee /srv/shared/guest.txt").Ok();
        Assert.That(File.ReadAllText(Path.Combine(shared, "guest.txt")), Does.Contain("written in the guest"));

        Vnet.Run(dir, "destroy", "-f").Ok();
    }
}
