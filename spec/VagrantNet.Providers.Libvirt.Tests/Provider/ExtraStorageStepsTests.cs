using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Tests.Interop;
using VagrantNet.Providers.Libvirt.Tests.Support;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

/// <summary>Extra disks, CD-ROMs, autostart and firmware through the creation and destroy steps, on the test driver.</summary>
[Category("LibvirtTestDriver")]
public class ExtraStorageStepsTests : TestDriverSteps
{
    private const ulong GiB = 1024UL * 1024 * 1024;

    [Test]
    public async Task Creation_MakesEachExtraDiskAVolumeOfThePool_AttachedAfterTheRootDiskWithItsOptions()
    {
        // When
        var machine = await CreatedMachineAsync(c =>
        {
            c.AddDisk(size: "2G");
            c.AddDisk(size: "512M", type: "raw", bus: "scsi", cache: "none", shareable: true, serial: "data-1", detectZeroes: "on", discard: "unmap");
        });

        // Then: vagrant-libvirt's names, <domain>-<device>.<type>, in the machine's pool, of the sizes asked
        var vdb = $"{machine.DomainName}-vdb.qcow2";
        var sda = $"{machine.DomainName}-sda.raw";
        using (var pool = Pool())
        {
            using var first = pool.TryLookupVolume(vdb)!;
            using var second = pool.TryLookupVolume(sda)!;
            Assert.That(first.GetInfo().Capacity, Is.EqualTo(2 * GiB));
            Assert.That(second.GetInfo().Capacity, Is.EqualTo(GiB / 2));
            Assert.That(XElement.Parse(second.GetXmlDesc()).Element("target")?.Element("format")?.Attribute("type")?.Value, Is.EqualTo("raw"));
        }

        // ... and the domain libvirt defined has them, after the root disk
        var disks = DomainDisks(machine);
        Assert.That(disks.Select(d => (d.Element("target")?.Attribute("dev")?.Value, d.Element("target")?.Attribute("bus")?.Value, d.Element("source")?.Attribute("file")?.Value)),
            Is.EqualTo(new[] { ("vda", "virtio", $"/{TestDriver.StockPool}/{machine.DomainName}.img"), ("vdb", "virtio", $"/{TestDriver.StockPool}/{vdb}"), ("sda", "scsi", $"/{TestDriver.StockPool}/{sda}") }));
        var shared = disks[2];
        Assert.That(shared.Element("shareable"), Is.Not.Null);
        Assert.That(shared.Element("serial")?.Value, Is.EqualTo("data-1"));
        Assert.That((shared.Element("driver")?.Attribute("cache")?.Value, shared.Element("driver")?.Attribute("detect_zeroes")?.Value, shared.Element("driver")?.Attribute("discard")?.Value), Is.EqualTo(("none", "on", "unmap")));
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains($"Creating disk vdb (2G, qcow2, virtio) as volume {vdb}"));
    }

    [Test]
    public async Task Destroy_RemovesTheExtraDisks_ButKeepsAnAllowExistingOne()
    {
        // Given
        var machine = await CreatedMachineAsync(c =>
        {
            c.AddDisk(size: "1G");
            c.AddDisk(size: "1G", path: "shared.img", allowExisting: true, shareable: true, type: "raw");
        });
        Assert.That(VolumeNames(), Has.Member($"{machine.DomainName}-vdb.qcow2").And.Member("shared.img"));

        // When
        await RunAsync(machine, LibvirtRecipes.Destroy());

        // Then: as vagrant-libvirt, allow_existing disks are removed by hand only
        Assert.That(DomainExists(machine.DomainName), Is.False);
        Assert.That(VolumeNames(), Has.No.Member($"{machine.DomainName}-vdb.qcow2").And.No.Member(machine.DomainName + ".img").And.Member("shared.img"));
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains("Keeping volume shared.img"));
    }

    [Test]
    public async Task Up_OfAMachineWhoseStateWasLost_RemovesItsLeftoverDomain_ButNotItsAllowExistingDisk()
    {
        // Given: the machine's domain is there, its .vnet state is gone
        var machine = await CreatedMachineAsync(c =>
        {
            c.AddDisk(size: "1G");
            c.AddDisk(path: "shared.img", allowExisting: true);
        });
        machine.Id = null;
        machine.DeleteAllState();

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then: the leftover and its own disks were replaced; the kept disk is the same volume, attached again
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains($"Found domain '{machine.DomainName}', left by an earlier vnet run"));
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains("Using the existing volume shared.img as disk vdc"));
        Assert.That(DomainDisks(machine).Select(d => d.Element("source")?.Attribute("file")?.Value), Has.Member($"/{TestDriver.StockPool}/shared.img"));
    }

    [Test]
    public async Task Creation_AttachesAnAllowExistingVolumeAsItIs_WithoutMakingItAgain()
    {
        // Given: a volume of 3 MiB another machine made
        using (var pool = Pool())
        using (pool.CreateVolume(TestDriver.VolumeXml("shared.img", capacityMiB: 3)))
        {
        }

        // When
        var machine = await CreatedMachineAsync(c => c.AddDisk(size: "20G", path: "shared.img", allowExisting: true));

        // Then
        using (var pool = Pool())
        using (var volume = pool.TryLookupVolume("shared.img")!)
        {
            Assert.That(volume.GetInfo().Capacity, Is.EqualTo(3UL * 1024 * 1024), "not re-created at the size asked");
        }

        Assert.That(DomainDisks(machine).Select(d => d.Element("source")?.Attribute("file")?.Value), Has.Member($"/{TestDriver.StockPool}/shared.img"));
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains("Using the existing volume shared.img as disk vdb"));
    }

    [Test]
    public void Creation_RefusesAnExistingVolumeWithoutAllowExisting_AndRemovesWhatItMade()
    {
        // Given
        using (var pool = Pool())
        using (pool.CreateVolume(TestDriver.VolumeXml("data.img", capacityMiB: 1)))
        {
        }

        var machine = NewMachine(configureProvider: c => c.AddDisk(path: "data.img"));
        SeedBoxImage(machine);

        // When
        var error = Assert.ThrowsAsync<LibvirtProviderException>(() => RunAsync(machine, LibvirtRecipes.Creation()));

        // Then: nothing overwritten, and the overlay this up made is gone again
        Assert.That(error!.Message, Does.StartWith($"Machine '{machine.Name}': libvirt.storage disk vdb: volume 'data.img' already exists in pool '{TestDriver.StockPool}'")
            .And.Contain("allowExisting: true"));
        Assert.That(VolumeNames(), Has.Member("data.img").And.No.Member(machine.DomainName + ".img"));
    }

    [Test]
    public void Recovery_WhenALaterStepFails_RemovesTheExtraDisksThisUpMade()
    {
        // Given
        var machine = NewMachine(configureProvider: c => c.AddDisk(size: "1G"));
        SeedBoxImage(machine);

        // When
        Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(machine, LibvirtRecipes.Creation().Use(new FailingStep())));

        // Then
        Assert.That(VolumeNames(), Has.No.Member($"{machine.DomainName}-vdb.qcow2"));
        Assert.That(DomainExists(machine.DomainName), Is.False);
    }

    [Test]
    public async Task Cdrom_IsAttachedReadOnlyFirstInTheBootOrder_AndDestroyLeavesTheIso()
    {
        // Given: the ISO is a volume of the pool, as an uploaded installer would be
        using (var pool = Pool())
        using (pool.CreateVolume(TestDriver.VolumeXml("installer.iso", capacityMiB: 1)))
        {
        }

        var iso = $"/{TestDriver.StockPool}/installer.iso";
        var machine = await CreatedMachineAsync(c =>
        {
            c.AddCdrom(iso);
            c.BootOrder = ["cdrom", "hd"];
        });

        // When
        var disks = DomainDisks(machine);
        await RunAsync(machine, LibvirtRecipes.Destroy());

        // Then: on IDE as hda (vagrant-libvirt's defaults), booted first, then the root disk
        var cdrom = disks.Single(d => d.Attribute("device")?.Value == "cdrom");
        Assert.That((cdrom.Element("target")?.Attribute("dev")?.Value, cdrom.Element("target")?.Attribute("bus")?.Value), Is.EqualTo(("hda", "ide")));
        Assert.That(cdrom.Element("readonly"), Is.Not.Null);
        Assert.That(cdrom.Element("source")?.Attribute("file")?.Value, Is.EqualTo(iso));
        Assert.That(cdrom.Element("boot")?.Attribute("order")?.Value, Is.EqualTo("1"));
        Assert.That(disks[0].Element("boot")?.Attribute("order")?.Value, Is.EqualTo("2"));
        Assert.That(VolumeNames(), Has.Member("installer.iso").And.No.Member(machine.DomainName + ".img"), "an ISO is never deleted");
    }

    [Test]
    public async Task BootOrder_NetworkThenHd_ReachesEveryNicOfTheDefinedDomain()
    {
        // When
        var machine = await CreatedMachineAsync(c => c.BootOrder = ["network", "hd"]);

        // Then
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        var xml = XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive));
        Assert.That(xml.Descendants("interface").Select(i => i.Element("boot")?.Attribute("order")?.Value), Is.EqualTo(new[] { "1", "2" }));
        Assert.That(xml.Descendants("disk").First().Element("boot")?.Attribute("order")?.Value, Is.EqualTo("3"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Autostart_IsTheFlagLibvirtHoldsForTheDomain(bool autostart)
    {
        // When
        var machine = await CreatedMachineAsync(c => c.Autostart = autostart);

        // Then
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        Assert.That(domain.GetAutostart(), Is.EqualTo(autostart));
    }

    [Test]
    public async Task Uefi_LoaderNvramTemplateAndEmulator_ReachTheDomainLibvirtDefines()
    {
        // When
        var machine = await CreatedMachineAsync(c =>
        {
            c.Loader = "/usr/share/OVMF/OVMF_CODE_4M.fd";
            c.NvramTemplate = "/usr/share/OVMF/OVMF_VARS_4M.fd";
            c.EmulatorPath = "/usr/bin/qemu-system-x86_64";
        });

        // Then
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        var xml = XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive));
        var loader = xml.Element("os")!.Element("loader")!;
        Assert.That((loader.Value, loader.Attribute("type")?.Value, loader.Attribute("readonly")?.Value), Is.EqualTo(("/usr/share/OVMF/OVMF_CODE_4M.fd", "pflash", "yes")));
        Assert.That(xml.Element("os")!.Element("nvram")?.Attribute("template")?.Value, Is.EqualTo("/usr/share/OVMF/OVMF_VARS_4M.fd"));
        Assert.That(xml.Element("devices")!.Element("emulator")?.Value, Is.EqualTo("/usr/bin/qemu-system-x86_64"));
    }

    [Test]
    public async Task Uefi_WithTheUsersNvramFile_DestroyStillRemovesTheDomain()
    {
        // Given: vagrant-libvirt keeps a user's nvram file; the test driver knows no NVRAM flag, so this pins the fallback
        var machine = await CreatedMachineAsync(c =>
        {
            c.Loader = "/usr/share/OVMF/OVMF_CODE_4M.fd";
            c.Nvram = "/srv/nvram/web_VARS.fd";
        });

        // When
        await RunAsync(machine, LibvirtRecipes.Destroy());

        // Then
        Assert.That(DomainExists(machine.DomainName), Is.False);
    }

    private List<XElement> DomainDisks(LibvirtTestMachine machine)
    {
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        return [.. XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive)).Descendants("disk")];
    }

    private sealed class FailingStep : IAction
    {
        public Task InvokeAsync(ActionContext context, ActionDelegate next) => Task.FromException(new InvalidOperationException("boot failed"));
    }
}
