using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Tests.Interop;
using VagrantNet.Providers.Libvirt.Tests.Support;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

/// <summary>
/// vagrant-libvirt's "no box" machines on the test driver: <c>up</c> imports no box, gives the machine a blank root
/// disk of <c>machine_virtual_size</c> (or none), starts it and returns without waiting for a guest that vnet could not
/// reach; destroy removes it and its disks.
/// </summary>
[Category("LibvirtTestDriver")]
public class BoxlessMachineTests : TestDriverSteps
{
    [Test]
    public async Task Up_OfABoxlessMachine_StartsItOnABlankRootDisk_WithoutImportingABoxOrWaitingForIt()
    {
        // Given: an installer ISO, booted after the empty disk (the install workflow: the disk boots once installed)
        using (var pool = Pool())
        using (pool.CreateVolume(TestDriver.VolumeXml("installer.iso", capacityMiB: 1)))
        {
        }

        var iso = $"/{TestDriver.StockPool}/installer.iso";
        var machine = NewMachine(configure: c => c.Vm.Box = null, configureProvider: c =>
        {
            c.MachineVirtualSize = 2;
            c.AddCdrom(iso);
            c.BootOrder = ["hd", "cdrom"];
        });

        // When: the guest never answers (UnreachableCommunicator), so any wait for it would fail the up
        await RunAsync(machine, LibvirtRecipes.Up());

        // Then: running, on a blank qcow2 of 2 GiB with no backing file, hd booted before the CD-ROM
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        Assert.That(domain.GetState().State, Is.EqualTo(DomainState.Running));
        var disks = XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive)).Descendants("disk").ToList();
        Assert.That(disks.Select(d => (d.Attribute("device")?.Value, d.Element("source")?.Attribute("file")?.Value, d.Element("boot")?.Attribute("order")?.Value)),
            Is.EqualTo(new[] { ("disk", $"/{TestDriver.StockPool}/{machine.DomainName}.img", "1"), ("cdrom", iso, "2") }));
        using (var pool = Pool())
        using (var root = pool.TryLookupVolume(machine.DomainName + ".img")!)
        {
            Assert.That(root.GetInfo().Capacity, Is.EqualTo(2UL * 1024 * 1024 * 1024));
            Assert.That(XElement.Parse(root.GetXmlDesc()).Element("backingStore")?.Element("path"), Is.Null, "a blank disk, no overlay");
        }

        Assert.That(VolumeNames(), Has.None.Contains("_vagrant_box_image_"), "no box was imported");
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains("Base box:          (none)"));
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains("The machine has no box: vnet does not wait for it"));

        // and destroy takes the domain and its disk, never the ISO
        await RunAsync(machine, LibvirtRecipes.Destroy());
        Assert.That(DomainExists(machine.DomainName), Is.False);
        Assert.That(VolumeNames(), Has.Member("installer.iso").And.No.Member(machine.DomainName + ".img"));
    }

    [Test]
    public async Task Creation_OfABoxlessMachineWithoutMachineVirtualSize_HasNoRootDisk_AndBootsHdFromItsFirstStorageDisk()
    {
        // Given: vagrant-libvirt's PXE example: a blank storage disk, network first, then hd
        var machine = NewMachine(configure: c => c.Vm.Box = null, configureProvider: c =>
        {
            c.AddDisk(size: "1G");
            c.BootOrder = ["network", "hd"];
        });

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then: the storage disk is the only disk (still vdb: vda stays the root disk's name) and boots after the NIC
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        var xml = XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive));
        var disk = xml.Descendants("disk").Single();
        Assert.That(disk.Element("target")?.Attribute("dev")?.Value, Is.EqualTo("vdb"));
        Assert.That(xml.Descendants("interface").Select(i => i.Element("boot")?.Attribute("order")?.Value), Is.EqualTo(new[] { "1" }), "the management NIC");
        Assert.That(disk.Element("boot")?.Attribute("order")?.Value, Is.EqualTo("2"));
        Assert.That(VolumeNames(), Has.No.Member(machine.DomainName + ".img"));
    }

    [Test]
    public async Task Creation_OfADisklessBoxlessMachine_DefinesADomainWithNoDiskThatBootsFromTheNetwork()
    {
        // Given
        var machine = NewMachine(configure: c => c.Vm.Box = null, configureProvider: c => c.BootOrder = ["network"]);

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        var xml = XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive));
        Assert.That(xml.Descendants("disk"), Is.Empty);
        Assert.That(xml.Descendants("interface").First().Element("boot")?.Attribute("order")?.Value, Is.EqualTo("1"));
    }
}
