using VagrantNet.Acceptance.Support;

namespace VagrantNet.Acceptance;

[TestFixture]
[NonParallelizable]
public class CloudInitTests : AcceptanceTest
{
    /// <summary>
    /// The test box carries no cloud-init (it would slow every boot of every test), so this proves what vnet does: the
    /// NoCloud seed reaches the guest as a CD labelled cidata holding the Vagrantfile's user data, which cloud-init reads.
    /// </summary>
    [Test]
    public void CloudInitUserData_ReachesTheGuestOnANoCloudSeed_AndGoesWithTheMachine()
    {
        // Given
        var project = NewProject("cinit", """
            Vagrant.Configure(config =>
            {
                config.Vm.Box = "vnet/debian12";
                config.Vm.Hostname = "seeded";
                config.Vm.SyncedFolder(".", "/vagrant", disabled: true);
                config.Vm.CloudInit.UserData(inline: "runcmd:\n  - [touch, /var/tmp/from-cloud-init]\n");
            });
            """);
        var dir = project.Directory;

        // When
        var up = Vnet.Run(dir, "up").Ok();

        // Then
        Assert.That(up.Stdout, Does.Contain("Creating the cloud-init seed"));
        Assert.That(Guest(dir, "sudo blkid -o value -s LABEL /dev/sr0"), Is.EqualTo("cidata"));
        var seed = Guest(dir, "sudo mount -o ro /dev/sr0 /mnt && cat /mnt/user-data /mnt/meta-data; sudo umount /mnt");
        Assert.That(seed, Does.StartWith("#cloud-config").And.Contain("touch, /var/tmp/from-cloud-init").And.Contain("local-hostname: seeded"));
        Assert.That(Libvirt.Volumes(), Has.Some.EndsWith("-cidata.iso"));

        // destroy removes the seed volume with the domain's disk
        Vnet.Run(dir, "destroy", "-f").Ok();
        Assert.That(Libvirt.Volumes(), Has.None.EndsWith("-cidata.iso"));
    }
}
