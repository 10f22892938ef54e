using System.Diagnostics;
using VagrantNet.Acceptance.Support;

namespace VagrantNet.Acceptance;

/// <summary>
/// vagrant-libvirt settings that reach the real guest: an extra disk, domain autostart, a private network's MTU and
/// host-side NIC name (one boot), and UEFI firmware with its per-domain NVRAM (another).
/// </summary>
[TestFixture]
[NonParallelizable]
public class DevicesAndFirmwareTests : AcceptanceTest
{
    [Test]
    public void ExtraDisk_Autostart_AndNetworkMtuAndIfaceName_ReachTheGuestAndTheHost()
    {
        // Given
        var project = NewProject("dev", """
            using VagrantNet.Providers.Libvirt;
            Vagrant.Configure(config =>
            {
                config.Vm.Box = "vnet/debian12";
                config.Vm.SyncedFolder(".", "/vagrant", disabled: true);
                config.Vm.Network.PrivateNetwork(ip: "10.20.41.10", options: new()
                {
                    ["libvirt__mtu"] = 9000,
                    ["libvirt__iface_name"] = "lab-t0",
                });
                config.Vm.Provider<LibvirtConfig>(lv =>
                {
                    lv.AddDisk(size: "2G", bus: "virtio");
                    lv.Autostart = true;
                });
            });
            """);
        var dir = project.Directory;

        // When
        Vnet.Run(dir, "up").Ok();

        // Then: the disk is in the guest with its size, the domain is marked autostart
        Assert.That(Guest(dir, "lsblk -b -dn -o SIZE /dev/vdb"), Is.EqualTo("2147483648"));
        var domain = Libvirt.Domains().Single(d => d.StartsWith(project.Name + "_", StringComparison.Ordinal));
        Assert.That(Libvirt.Volumes(), Has.Member(domain + "-vdb.qcow2"));
        Assert.That(Libvirt.Virsh($"dominfo {domain}"), Does.Match(@"Autostart:\s+enable"));

        // the host-side NIC has its name and the MTU, and so does the guest's NIC on that network
        Assert.That(Host("ip", "-o", "link", "show", "lab-t0"), Does.Contain("mtu 9000"));
        Assert.That(Guest(dir, "ip -o link | grep -c 'mtu 9000'"), Is.EqualTo("1"));

        // destroy removes the extra disk with the domain
        Vnet.Run(dir, "destroy", "-f").Ok();
        Assert.That(Libvirt.Volumes(), Has.None.Contains(domain + "-vdb"));
    }

    [Test]
    public void UefiFirmware_BootsTheGuest_WithItsOwnNvram_RemovedOnDestroy()
    {
        // Given: OVMF from Debian, the box's kernel booted directly (the box's disk carries a BIOS boot loader)
        var box = Environment.GetEnvironmentVariable("VNET_TEST_BOX")!;
        var boxDirectory = Path.GetDirectoryName(box)!;
        var project = NewProject("uefi", $$"""
            using VagrantNet.Providers.Libvirt;
            Vagrant.Configure(config =>
            {
                config.Vm.Box = "vnet/debian12";
                config.Vm.SyncedFolder(".", "/vagrant", disabled: true);
                config.Vm.Provider<LibvirtConfig>(lv =>
                {
                    lv.Loader = "/usr/share/OVMF/OVMF_CODE_4M.fd";
                    lv.NvramTemplate = "/usr/share/OVMF/OVMF_VARS_4M.fd";
                    lv.Kernel = "{{Path.Combine(boxDirectory, "vmlinuz")}}";
                    lv.Initrd = "{{Path.Combine(boxDirectory, "initrd.img")}}";
                    lv.CmdLine = "root=/dev/vda1 ro console=ttyS0,115200 no_timer_check";
                });
            });
            """);
        var dir = project.Directory;

        // When
        Vnet.Run(dir, "up").Ok();

        // Then: the guest booted through UEFI, and libvirt made the domain its own copy of the variables
        Assert.That(Guest(dir, "test -d /sys/firmware/efi && echo uefi"), Is.EqualTo("uefi"));
        var domain = Libvirt.Domains().Single(d => d.StartsWith(project.Name + "_", StringComparison.Ordinal));
        var nvram = System.Text.RegularExpressions.Regex.Match(Libvirt.Virsh($"dumpxml {domain}"), "<nvram[^>]*>([^<]+)</nvram>").Groups[1].Value;
        Assert.That(nvram, Is.Not.Empty, "the domain has an NVRAM file");
        Assert.That(File.Exists(nvram), Is.True, nvram);

        Vnet.Run(dir, "destroy", "-f").Ok();
        Assert.That(File.Exists(nvram), Is.False, "destroy removes the NVRAM libvirt made from the template");
    }

    private static string Host(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
