using System.Diagnostics;
using VagrantNet.Acceptance.Support;

namespace VagrantNet.Acceptance;

/// <summary>
/// Box-less machines (vagrant-libvirt's "no box and PXE boot"): one that boots an installer ISO from its CD-ROM past its
/// blank disk, then from that disk once something is installed on it; and one that boots over the network from a TFTP
/// root the test fills. Each boot is proven by a marker on the machine's serial console: the kernel prints its command
/// line, which carries the marker, and a boot sector written onto the disk prints its own.
/// </summary>
[TestFixture]
[NonParallelizable]
public class InstallBootTests : AcceptanceTest
{
    private static readonly TimeSpan BootWait = TimeSpan.FromMinutes(5);

    [Test]
    public void BoxlessMachine_BootsTheIsoPastItsBlankDisk_ThenTheDiskOnceInstalled()
    {
        // Given: an ISO (isolinux, the test box's kernel and initrd) whose kernel command line carries a marker
        var project = NewProject("iso", OneMachine);
        var dir = project.Directory;
        var marker = "vnet-iso-" + Guid.NewGuid().ToString("N")[..8];
        var iso = BuildIso(dir, marker);
        var log = Path.Combine(dir, "serial.log");
        WriteVagrantfile(dir, $$"""
            using VagrantNet.Providers.Libvirt;
            Vagrant.Configure(config =>
            {
                config.Vm.Provider<LibvirtConfig>(lv =>
                {
                    lv.MachineVirtualSize = 1;
                    lv.AddCdrom("{{iso}}");
                    lv.BootOrder = ["hd", "cdrom"];
                    lv.SerialConsoleLog = "{{log}}";
                });
            });
            """);

        // When
        var up = Vnet.Run(dir, "up").Ok();

        // Then: up returns with the domain running, and the empty disk fell through to the ISO's kernel
        Assert.That(up.Output, Does.Contain("no box"));
        var domain = Libvirt.Domains().Single(d => d.StartsWith(project.Name + "_", StringComparison.Ordinal));
        Assert.That(Libvirt.Virsh($"domstate {domain}"), Does.Contain("running"));
        Assert.That(Libvirt.Volumes(), Has.Member(domain + ".img"), "the blank root disk is in the pool");
        WaitForSerial(log, marker);

        // "Install": a boot sector that prints its own marker goes onto the disk, and the next boot takes the disk first
        Vnet.Run(dir, "halt", "-f").Ok();
        var volume = Libvirt.Virsh($"vol-path {domain}.img --pool default").Trim();
        var sector = Path.Combine(dir, "sector.bin");
        var installed = "vnet-disk-" + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllBytes(sector, BootSector(installed));
        Host("qemu-io", "-f", "qcow2", "-c", $"write -s {sector} 0 512", volume);
        Vnet.Run(dir, "up").Ok();
        WaitForSerial(log, installed);
        Assert.That(ReadShared(log), Does.Not.Contain(marker), "the second boot took the disk, not the ISO (libvirt starts the log afresh at each start)");

        // destroy removes the domain and its disk, never the ISO
        Vnet.Run(dir, "destroy", "-f").Ok();
        Assert.That(Libvirt.Volumes(), Has.None.StartsWith(domain));
        Assert.That(File.Exists(iso), Is.True, "the ISO is the user's");
    }

    [Test]
    public void BoxlessMachine_BootsOverTheNetwork_FromTheTftpRootOfItsPrivateNetwork()
    {
        // Given: a TFTP root with pxelinux and the test box's kernel, served by the network's dnsmasq as the bootp file
        var project = NewProject("pxe", OneMachine);
        var dir = project.Directory;
        var marker = "vnet-pxe-" + Guid.NewGuid().ToString("N")[..8];
        var tftp = Path.Combine(dir, "tftp");
        Directory.CreateDirectory(Path.Combine(tftp, "pxelinux.cfg"));
        File.Copy("/usr/lib/PXELINUX/pxelinux.0", Path.Combine(tftp, "pxelinux.0"));
        File.Copy("/usr/lib/syslinux/modules/bios/ldlinux.c32", Path.Combine(tftp, "ldlinux.c32"));
        CopyBoxKernel(tftp);
        File.WriteAllText(Path.Combine(tftp, "pxelinux.cfg", "default"), LinuxEntry(marker));
        var log = Path.Combine(dir, "serial.log");
        WriteVagrantfile(dir, $$"""
            using VagrantNet.Providers.Libvirt;
            Vagrant.Configure(config =>
            {
                config.Vm.Network.PrivateNetwork(ip: "10.20.52.10", options: new()
                {
                    ["libvirt__tftp_root"] = "{{tftp}}",
                    ["libvirt__dhcp_bootp_file"] = "pxelinux.0",
                });
                config.Vm.Provider<LibvirtConfig>(lv =>
                {
                    lv.MgmtAttach = false;
                    lv.BootOrder = ["network"];
                    lv.SerialConsoleLog = "{{log}}";
                });
            });
            """);

        // When
        Vnet.Run(dir, "up").Ok();

        // Then: iPXE fetched pxelinux over TFTP, which fetched the kernel
        var domain = Libvirt.Domains().Single(d => d.StartsWith(project.Name + "_", StringComparison.Ordinal));
        Assert.That(Libvirt.Virsh($"domstate {domain}"), Does.Contain("running"));
        var network = Libvirt.Networks().Select(n => Libvirt.Virsh($"net-dumpxml {n}")).SingleOrDefault(x => x.Contains($"<tftp root='{tftp}'/>", StringComparison.Ordinal));
        Assert.That(network, Does.Contain("<bootp file='pxelinux.0'/>"), "the machine's network serves the TFTP root and names the boot file");
        WaitForSerial(log, marker);

        Vnet.Run(dir, "destroy", "-f").Ok();
        Assert.That(Libvirt.Domains(), Has.None.StartsWith(project.Name + "_"));
    }

    private static void WriteVagrantfile(string dir, string text) => File.WriteAllText(Path.Combine(dir, "Vagrantfile.csx"), text);

    /// <summary>The test box's kernel and initrd, which print to the serial console when told to.</summary>
    private static void CopyBoxKernel(string into)
    {
        var box = Path.GetDirectoryName(Environment.GetEnvironmentVariable("VNET_TEST_BOX")!)!;
        File.Copy(Path.Combine(box, "vmlinuz"), Path.Combine(into, "vmlinuz"));
        File.Copy(Path.Combine(box, "initrd.img"), Path.Combine(into, "initrd.img"));
    }

    /// <summary>
    /// A syslinux entry booting the kernel with the marker on its command line (the kernel prints that line on the
    /// console early; the initrd, given no root, stops at its shell instead of panicking).
    /// </summary>
    private static string LinuxEntry(string marker) => $"""
        DEFAULT linux
        PROMPT 0
        TIMEOUT 0
        LABEL linux
          KERNEL /vmlinuz
          APPEND initrd=/initrd.img console=ttyS0,115200 {marker}
        """;

    private static string BuildIso(string dir, string marker)
    {
        var root = Path.Combine(dir, "iso-root");
        Directory.CreateDirectory(Path.Combine(root, "isolinux"));
        File.Copy("/usr/lib/ISOLINUX/isolinux.bin", Path.Combine(root, "isolinux", "isolinux.bin"));
        File.Copy("/usr/lib/syslinux/modules/bios/ldlinux.c32", Path.Combine(root, "isolinux", "ldlinux.c32"));
        File.WriteAllText(Path.Combine(root, "isolinux", "isolinux.cfg"), LinuxEntry(marker));
        CopyBoxKernel(root);
        var iso = Path.Combine(dir, "install.iso");
        Host("genisoimage", "-quiet", "-o", iso, "-b", "isolinux/isolinux.bin", "-c", "isolinux/boot.cat",
            "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table", "-J", "-R", root);
        return iso;
    }

    /// <summary>
    /// A 512-byte MBR boot sector that writes <paramref name="text"/> to COM1 and halts: what an installer would leave on
    /// the disk, in its smallest form. Hand-assembled 16-bit code, loaded at 0x7C00.
    /// </summary>
    private static byte[] BootSector(string text)
    {
        byte[] code =
        [
            0x31, 0xC0,             // xor ax, ax
            0x8E, 0xD8,             // mov ds, ax
            0xFC,                   // cld
            0xBE, 0x16, 0x7C,       // mov si, 0x7C16 (the text, after this code)
            0xBA, 0xF8, 0x03,       // mov dx, 0x3F8 (COM1)
            0xAC,                   // next: lodsb
            0x84, 0xC0,             // test al, al
            0x74, 0x03,             // jz halt
            0xEE,                   // out dx, al
            0xEB, 0xF8,             // jmp next
            0xF4,                   // halt: hlt
            0xEB, 0xFD,             // jmp halt
        ];
        var sector = new byte[512];
        code.CopyTo(sector, 0);
        System.Text.Encoding.ASCII.GetBytes(text + "\r\n").CopyTo(sector, code.Length);
        sector[510] = 0x55;
        sector[511] = 0xAA;
        return sector;
    }

    private static void WaitForSerial(string log, string marker)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < BootWait)
        {
            if (File.Exists(log) && ReadShared(log).Contains(marker, StringComparison.Ordinal))
            {
                return;
            }

            Thread.Sleep(TimeSpan.FromSeconds(2));
        }

        Assert.Fail($"'{marker}' never reached the serial console in {BootWait}; the log ends:{Environment.NewLine}{(File.Exists(log) ? ReadShared(log)[^Math.Min(2000, ReadShared(log).Length)..] : "(no log)")}");
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void Host(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{program} {string.Join(' ', args)}: {output}");
    }
}
