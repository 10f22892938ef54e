using VagrantNet.Acceptance.Support;

namespace VagrantNet.Acceptance;

/// <summary>
/// vagrant-libvirt's device settings that reach the real guest, in one boot: an emulated TPM 2.0 (libvirt's swtpm),
/// the virtio RNG, an i6300esb watchdog, a second serial port writing to a host file, and the guest agent's channel.
/// </summary>
[TestFixture]
[NonParallelizable]
public class GuestDevicesTests : AcceptanceTest
{
    /// <summary>The i6300esb's PCI vendor and device ids, as the guest's sysfs shows them (the box has no lspci).</summary>
    private const string I6300EsbPciId = "0x8086:0x25ab";

    [Test]
    public void TpmRngWatchdogFileSerialAndAgentChannel_ReachTheGuest()
    {
        // Given: the file serial's host file exists, so that libvirt hands it to QEMU with the domain's ownership
        var serialFile = Path.Combine(Project.Root, "serial-" + Guid.NewGuid().ToString("N")[..6] + ".log");
        Directory.CreateDirectory(Project.Root);
        File.WriteAllText(serialFile, string.Empty);
        var project = NewProject("devs", $$"""
            using VagrantNet.Providers.Libvirt;
            Vagrant.Configure(config =>
            {
                config.Vm.Box = "vnet/debian12";
                config.Vm.SyncedFolder(".", "/vagrant", disabled: true);
                config.Vm.Provider<LibvirtConfig>(lv =>
                {
                    lv.TpmType = "emulator";
                    lv.TpmVersion = "2.0";
                    lv.Watchdog("i6300esb", "reset");
                    lv.AddSerial();
                    lv.AddSerial("file", path: "{{serialFile}}");
                    lv.QemuUseAgent = true;
                });
            });
            """);
        var dir = project.Directory;

        try
        {
            // When
            Vnet.Run(dir, "up").Ok();

            // Then: a TPM 2.0 (the resource manager device is 2.0's), the virtio RNG feeding the kernel
            Assert.That(Guest(dir, "test -c /dev/tpmrm0 && echo tpm2"), Is.EqualTo("tpm2"));
            Assert.That(Guest(dir, "cat /sys/class/misc/hw_random/rng_current"), Does.StartWith("virtio_rng"));

            // the watchdog on the guest's PCI bus
            Assert.That(Guest(dir, "for d in /sys/bus/pci/devices/*; do echo $(cat $d/vendor):$(cat $d/device); done"), Does.Contain(I6300EsbPciId));

            // what the guest writes to its second port reaches the host file
            Guest(dir, "echo vnet-serial-probe | sudo tee /dev/ttyS1 >/dev/null");
            Assert.That(() => File.ReadAllText(serialFile), Does.Contain("vnet-serial-probe").After(20).Seconds.PollEvery(1).Seconds);

            // the guest agent's virtio port
            Assert.That(Guest(dir, "test -e /dev/virtio-ports/org.qemu.guest_agent.0 && echo agent"), Is.EqualTo("agent"));

            Vnet.Run(dir, "destroy", "-f").Ok();
        }
        finally
        {
            File.Delete(serialFile);
        }
    }
}
