using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Actions;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Tests.Support;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

[Category("LibvirtTestDriver")]
public class UpdateDomainDefinitionTests : TestDriverSteps
{
    [Test]
    public async Task ChangedMemoryAndCpus_AreRedefinedBeforeTheStart_AndTheUserIsToldWhatChanged()
    {
        // Given a defined domain with 512 MiB and 1 CPU, then a config that says 1024 MiB and 2
        var machine = await CreatedMachineAsync();
        machine.LibvirtConfig.Memory = 1024;
        machine.LibvirtConfig.Cpus = 2;

        // When
        await RunAsync(machine, new ActionBuilder().Use<UpdateDomainDefinition>());

        // Then
        var xml = DefinedXml(machine);
        Assert.That(xml.Element("memory")!.Value, Is.EqualTo("1048576"), "KiB");
        Assert.That(xml.Element("currentMemory")!.Value, Is.EqualTo("1048576"));
        Assert.That(xml.Element("vcpu")!.Value, Is.EqualTo("2"));
        Assert.That(machine.RecordingUi.Lines, Has.Member("info: Updating domain definition due to configuration change:")
            .And.Member("detail:  -- memory       512 MiB -> 1024 MiB")
            .And.Member("detail:  -- cpus         1 -> 2"));
    }

    [Test]
    public async Task AnUnchangedConfig_LeavesTheDomainAsItIs()
    {
        // Given
        var machine = await CreatedMachineAsync(c =>
        {
            c.Title = "web";
            c.GraphicsPassword = "s3cret";
            c.CpuMode = "host-passthrough";
            c.Nested = true;
        });
        var before = DefinedXml(machine).ToString();

        // When
        await RunAsync(machine, new ActionBuilder().Use<UpdateDomainDefinition>());

        // Then: libvirt's own normalisation (KiB, listen elements, cpu check) is no change
        Assert.That(machine.RecordingUi.Lines, Has.None.StartsWith("info: Updating domain definition"));
        Assert.That(DefinedXml(machine).ToString(), Is.EqualTo(before));
    }

    [Test]
    public async Task AChangedKeymap_KeepsTheGraphicsPassword_AndNeverPrintsIt()
    {
        // Given
        var machine = await CreatedMachineAsync(c => c.GraphicsPassword = "s3cret");
        machine.LibvirtConfig.Keymap = "de";

        // When
        await RunAsync(machine, new ActionBuilder().Use<UpdateDomainDefinition>());

        // Then
        var graphics = DefinedXml(machine).Element("devices")!.Element("graphics")!;
        Assert.That(graphics.Attribute("keymap")!.Value, Is.EqualTo("de"));
        Assert.That(graphics.Attribute("passwd")!.Value, Is.EqualTo("s3cret"));
        Assert.That(machine.RecordingUi.Lines, Has.Member("detail:  -- graphics     vnc on 127.0.0.1:auto en-us (password set) -> vnc on 127.0.0.1:auto de (password set)"));
        Assert.That(machine.RecordingUi.Lines, Has.None.Contains("s3cret"));
    }

    [Test]
    public async Task GraphicsTypeNone_RemovesTheDisplayAndItsVideoCard()
    {
        // Given
        var machine = await CreatedMachineAsync();
        machine.LibvirtConfig.GraphicsType = "none";

        // When
        await RunAsync(machine, new ActionBuilder().Use<UpdateDomainDefinition>());

        // Then
        var devices = DefinedXml(machine).Element("devices")!;
        Assert.That(devices.Elements("graphics"), Is.Empty);
        Assert.That(devices.Elements("video"), Is.Empty);
        Assert.That(machine.RecordingUi.Lines, Has.Member("detail:  -- video        cirrus vram 16384 -> none"));
    }

    [Test]
    public async Task ChangedCpuModeAndTitle_AreApplied_AndTheDisksAndNicsAreKept()
    {
        // Given
        var machine = await CreatedMachineAsync();
        var devicesBefore = DefinedXml(machine).Element("devices")!.Elements().Where(e => e.Name.LocalName is "disk" or "interface").Select(e => e.ToString()).ToList();
        machine.LibvirtConfig.CpuMode = "custom";
        machine.LibvirtConfig.CpuModel = "qemu64";
        machine.LibvirtConfig.Title = "renamed";

        // When
        await RunAsync(machine, new ActionBuilder().Use<UpdateDomainDefinition>());

        // Then
        var xml = DefinedXml(machine);
        Assert.That(xml.Element("cpu")!.Attribute("mode")!.Value, Is.EqualTo("custom"));
        Assert.That(xml.Element("cpu")!.Element("model")!.Value, Is.EqualTo("qemu64"));
        Assert.That(xml.Element("title")!.Value, Is.EqualTo("renamed"));
        Assert.That(xml.Element("devices")!.Elements().Where(e => e.Name.LocalName is "disk" or "interface").Select(e => e.ToString()), Is.EqualTo(devicesBefore));
        Assert.That(machine.RecordingUi.Lines, Has.Member("detail:  -- cpu_mode     (hypervisor default) -> custom qemu64"));
    }

    [Test]
    public async Task TheReloadRecipe_RedefinesBeforeItStarts()
    {
        // Given a running machine whose config now asks for more memory
        var machine = await StartedMachineAsync();
        machine.LibvirtConfig.Memory = 768;

        // When
        await RunAsync(machine, new ActionBuilder().Use<HaltDomain>().Use<UpdateDomainDefinition>().Use<StartDomain>());

        // Then: the running domain has the new memory
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        Assert.That(domain.GetState().State, Is.EqualTo(DomainState.Running));
        Assert.That(XElement.Parse(domain.GetXmlDesc()).Element("memory")!.Value, Is.EqualTo("786432"));
    }

    [Test]
    public async Task ADiskAddedToTheConfigOfAnExistingMachine_IsNamedAsNotApplied()
    {
        // Given
        var machine = await CreatedMachineAsync();
        machine.LibvirtConfig.AddDisk(size: "1G");

        // When
        await RunAsync(machine, new ActionBuilder().Use<UpdateDomainDefinition>());

        // Then
        Assert.That(machine.RecordingUi.Lines, Has.Some.StartsWith("warn: The config gives this machine 2 disk(s) and 2 NIC(s); its domain was created with 1 and 2."));
    }

    [Test]
    public async Task AnUnchangedDeviceCount_GivesNoWarning()
    {
        // Given
        var machine = await CreatedMachineAsync();

        // When
        await RunAsync(machine, new ActionBuilder().Use<UpdateDomainDefinition>());

        // Then
        Assert.That(machine.RecordingUi.Lines, Has.None.StartsWith("warn:"));
    }

    private XElement DefinedXml(LibvirtTestMachine machine)
    {
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        return XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive | DomainXmlFlags.Secure));
    }
}
