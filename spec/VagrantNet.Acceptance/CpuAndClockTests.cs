namespace VagrantNet.Acceptance;

/// <summary>
/// vagrant-libvirt's CPU, SMBIOS, QEMU command-line and memory balloon settings, seen from inside a real guest (one
/// boot). Guests run under TCG, so the KVM-only features (hyperv, kvm_hidden) are pinned by golden XML instead.
/// </summary>
[TestFixture]
[NonParallelizable]
public class CpuAndClockTests : AcceptanceTest
{
    [Test]
    public void CpuTopology_Sysinfo_QemuArgs_AndNoMemballoon_ReachTheGuest()
    {
        // Given
        var project = NewProject("cpu", """
            using VagrantNet.Providers.Libvirt;
            Vagrant.Configure(config =>
            {
                config.Vm.Box = "vnet/debian12";
                config.Vm.SyncedFolder(".", "/vagrant", disabled: true);
                config.Vm.Provider<LibvirtConfig>(lv =>
                {
                    lv.Cpus = 2;
                    lv.CpuTopology = new CpuTopology(Sockets: 1, Cores: 2, Threads: 1);
                    lv.Sysinfo = [new SysinfoEntry("system", "serial", "VNET-SERIAL-42"), new SysinfoEntry("system", "manufacturer", "vnet")];
                    lv.QemuArgs = ["-smbios", "type=11,value=vnet-qemu-arg"];
                    lv.MemballoonEnabled = false;
                    lv.ClockOffset = "utc";
                });
            });
            """);
        var dir = project.Directory;

        // When
        Vnet.Run(dir, "up").Ok();

        // Then: two CPUs, both cores of one socket
        Assert.That(Guest(dir, "grep -c ^processor /proc/cpuinfo"), Is.EqualTo("2"));
        Assert.That(Guest(dir, "grep -m1 '^cpu cores' /proc/cpuinfo | tr -dc 0-9"), Is.EqualTo("2"));
        Assert.That(Guest(dir, "grep '^physical id' /proc/cpuinfo | sort -u | wc -l"), Is.EqualTo("1"));

        // the SMBIOS system block carries the sysinfo entries, and the raw QEMU argument added an OEM string
        Assert.That(Guest(dir, "sudo cat /sys/class/dmi/id/product_serial"), Is.EqualTo("VNET-SERIAL-42"));
        Assert.That(Guest(dir, "cat /sys/class/dmi/id/sys_vendor"), Is.EqualTo("vnet"));
        Assert.That(Guest(dir, "sudo grep -c -a vnet-qemu-arg /sys/firmware/dmi/entries/11-*/raw | awk -F: '{s+=$NF} END {print s}'"), Is.EqualTo("1"));

        // no balloon: no virtio device of id 5 (the balloon's) on the guest's virtio bus
        Assert.That(Guest(dir, "cat /sys/bus/virtio/devices/*/device | grep -c 0x0005 || true"), Is.EqualTo("0"));

        Vnet.Run(dir, "destroy", "-f").Ok();
    }
}
