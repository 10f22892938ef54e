using VagrantNet.Sdk.Config;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

[TestFixture]
public class LibvirtConfigTests
{
    [Test]
    public void Defaults_FollowVagrantLibvirt()
    {
        var config = new LibvirtConfig();
        config.FinalizeDefaults();

        Assert.Multiple(() =>
        {
            Assert.That(config.Memory, Is.EqualTo(512));
            Assert.That(config.Cpus, Is.EqualTo(1));
            Assert.That(config.DiskBus, Is.EqualTo("virtio"));
            Assert.That(config.NicModelType, Is.EqualTo("virtio"));
            Assert.That(config.StoragePoolName, Is.EqualTo("default"));
            Assert.That(config.ManagementNetworkName, Is.EqualTo("vagrant-libvirt"));
            Assert.That(config.ManagementNetworkAddress, Is.EqualTo("192.168.121.0/24"));
            Assert.That(config.SuspendMode, Is.EqualTo("pause"));
            Assert.That(config.Uri, Is.EqualTo("qemu:///system"));
            Assert.That(config.Driver, Is.Null, "unset driver means: probe KVM, else qemu");
        });
    }

    [Test]
    public void HostWithSsh_BuildsAQemuSshUri()
    {
        var config = new LibvirtConfig { Host = "hv1", ConnectViaSsh = true, Username = "ops", IdSshKeyFile = "/k/id" };
        config.FinalizeDefaults();

        Assert.That(config.Uri, Is.EqualTo("qemu+ssh://ops@hv1/system?keyfile=%2Fk%2Fid"));
    }

    [Test]
    public void Validate_ReportsEveryBadOption_NamingMachineAndSetting()
    {
        // Given
        var config = new LibvirtConfig { Driver = "xen", Memory = 0, DiskBus = "floppy", SuspendMode = "sleep", ManagementNetworkAddress = "not-a-net" };
        config.FinalizeDefaults();
        var errors = new ValidationErrors("web");

        // When
        config.Validate(errors);

        // Then
        var settings = errors.All.Select(e => e.Setting).ToList();
        Assert.That(settings, Is.SupersetOf(new[] { "libvirt.driver", "libvirt.memory", "libvirt.disk_bus", "libvirt.suspend_mode", "libvirt.management_network_address" }));
        Assert.That(errors.All.All(e => e.Machine == "web"), Is.True);
    }

    [Test]
    public void UntypedSettings_ApplyBySnakeCaseName()
    {
        var config = new LibvirtConfig();

        config.Set("nic_model_type", "e1000");
        config.Set("memory", 2048);
        config.Set("driver", "qemu");

        Assert.That((config.NicModelType, config.Memory, config.Driver), Is.EqualTo(("e1000", (int?)2048, "qemu")));
    }
}
