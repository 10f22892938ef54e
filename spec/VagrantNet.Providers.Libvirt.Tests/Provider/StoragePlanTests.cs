using VagrantNet.Providers.Libvirt.Actions;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

[TestFixture]
public class StoragePlanTests
{
    private static LibvirtConfig Config(Action<LibvirtConfig> configure)
    {
        var config = new LibvirtConfig();
        configure(config);
        config.FinalizeDefaults();
        return config;
    }

    [Test]
    public void DisksWithoutADevice_TakeTheNextFreeNamesAfterTheRootDisk_SkippingThoseGiven()
    {
        // Given: vda is the root disk, vdc is asked for by the second disk
        var config = Config(c =>
        {
            c.AddDisk();
            c.AddDisk(device: "vdc");
            c.AddDisk(type: "raw");
            c.AddDisk(bus: "scsi");
        });

        // When
        var (disks, _) = StoragePlan.For(config, "lab_web", "web", cloudInitSeed: false);

        // Then: vagrant-libvirt's volume names, <domain>-<device>.<type>
        Assert.That(disks.Select(d => (d.Device, d.Bus, d.VolumeName)), Is.EqualTo(new[]
        {
            ("vdb", "virtio", "lab_web-vdb.qcow2"),
            ("vdc", "virtio", "lab_web-vdc.qcow2"),
            ("vdd", "virtio", "lab_web-vdd.raw"),
            ("sda", "scsi", "lab_web-sda.qcow2"),
        }));
    }

    [Test]
    public void ADiskWithAPath_IsThatVolume()
    {
        // When
        var (disks, _) = StoragePlan.For(Config(c => c.AddDisk(path: "shared.img")), "lab_web", "web", cloudInitSeed: false);

        // Then
        Assert.That(disks.Single().VolumeName, Is.EqualTo("shared.img"));
    }

    [Test]
    public void Cdroms_AreOnIdeFromHda_AndASataOneSkipsTheCloudInitSeedsSda()
    {
        // When
        var (_, cdroms) = StoragePlan.For(Config(c =>
        {
            c.AddCdrom("/iso/a.iso");
            c.AddCdrom("/iso/b.iso");
            c.AddCdrom("/iso/c.iso", bus: "sata");
        }), "lab_web", "web", cloudInitSeed: true);

        // Then
        Assert.That(cdroms.Select(c => (c.Device, c.Bus)), Is.EqualTo(new[] { ("hda", "ide"), ("hdb", "ide"), ("sdb", "sata") }));
    }

    [Test]
    public void AFifthIdeDevice_IsRefusedNamingTheMachine()
    {
        // Given: IDE has four places, hda to hdd
        var config = Config(c =>
        {
            for (var i = 0; i < 5; i++)
            {
                c.AddCdrom($"/iso/{i}.iso");
            }
        });

        // When
        var error = Assert.Throws<LibvirtProviderException>(() => StoragePlan.For(config, "lab_web", "web", cloudInitSeed: false));

        // Then
        Assert.That(error!.Message, Is.EqualTo("Machine 'web': libvirt.storage cdrom 5: no free device name is left on the ide bus (hda to hdd)."));
    }
}
