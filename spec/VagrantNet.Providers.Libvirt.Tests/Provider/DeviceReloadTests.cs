using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Actions;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Tests.Support;
using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

/// <summary>A start compares the device groups of the config with the defined domain, and redefines what differs.</summary>
[Category("LibvirtTestDriver")]
public class DeviceReloadTests : TestDriverSteps
{
    private static void EveryDeviceGroup(LibvirtConfig c)
    {
        c.GraphicsType = "spice";
        c.TpmType = "emulator";
        c.TpmVersion = "2.0";
        c.Watchdog("i6300esb");
        c.AddSerial();
        c.AddSerial("file", path: "/var/log/vnet/web-ttyS1.log");
        c.QemuUseAgent = true;
        c.AddInput("tablet", "usb");
        c.SoundType = "ich9";
        c.AddFloppy("/srv/images/boot.img");
        c.AddUsb(vendor: "0x08e6", product: "0x3437");
        c.AddPci(bus: "0x06", slot: "0x12", function: "0x5");
        c.AddRedirdev();
        c.AddRedirfilter(allow: false);
        c.Smartcard();
        c.VideoAccel3d = true;
    }

    [Test]
    public async Task AnUnchangedConfigWithEveryDeviceGroup_LeavesTheDomainAsItIs()
    {
        // Given
        var machine = await CreatedMachineAsync(EveryDeviceGroup);
        var before = DefinedXml(machine).ToString();

        // When
        await RunAsync(machine, new ActionBuilder().Use<UpdateDomainDefinition>());

        // Then
        Assert.That(machine.RecordingUi.Lines.Where(l => l.StartsWith("detail:  -- ", StringComparison.Ordinal) && l.Contains("->", StringComparison.Ordinal)), Is.Empty);
        Assert.That(machine.RecordingUi.Lines, Has.None.StartsWith("info: Updating domain definition"));
        Assert.That(DefinedXml(machine).ToString(), Is.EqualTo(before));
    }

    [Test]
    public async Task AddedTpmWatchdogSerialAndChannel_AreRedefined_AndNamedOneByOne()
    {
        // Given a domain made with no device setting, then a config that asks for them
        var machine = await CreatedMachineAsync();
        machine.LibvirtConfig.TpmType = "emulator";
        machine.LibvirtConfig.TpmVersion = "2.0";
        machine.LibvirtConfig.Watchdog("i6300esb", "poweroff");
        machine.LibvirtConfig.AddSerial();
        machine.LibvirtConfig.AddSerial("tcp", port: 4555);
        machine.LibvirtConfig.QemuUseAgent = true;
        machine.LibvirtConfig.Rng = false;

        // When
        await RunAsync(machine, new ActionBuilder().Use<UpdateDomainDefinition>());

        // Then
        var devices = DefinedXml(machine).Element("devices")!;
        Assert.That(devices.Element("tpm")?.Element("backend")?.Attribute("version")?.Value, Is.EqualTo("2.0"));
        Assert.That(devices.Element("watchdog")?.Attribute("action")?.Value, Is.EqualTo("poweroff"));
        Assert.That(devices.Elements("serial").Select(s => s.Attribute("type")?.Value), Is.EqualTo(new[] { "pty", "tcp" }));
        Assert.That(devices.Elements("channel").Select(c => c.Element("target")?.Attribute("name")?.Value), Is.EqualTo(new[] { LibvirtConfig.GuestAgentChannel }));
        Assert.That(devices.Elements("rng"), Is.Empty);
        Assert.That(machine.RecordingUi.Lines, Has.Member("detail:  -- tpm          none -> tpm-tis emulator 2.0")
            .And.Member("detail:  -- rng          virtio /dev/urandom -> none")
            .And.Member("detail:  -- watchdog_dev none -> i6300esb poweroff")
            .And.Member("detail:  -- channels     none -> unix virtio org.qemu.guest_agent.0"));
        Assert.That(machine.RecordingUi.Lines, Has.Some.StartsWith("detail:  -- serials      port 0 pty"));
    }

    [Test]
    public void WhatLibvirtAddsByItself_IsNoChange()
    {
        // Given: the config's XML, and the same domain as the QEMU driver keeps it: the PS/2 keyboard and mouse, its
        // default USB controller, guest addresses it assigned, its own socket path for the agent, its number forms
        var config = new LibvirtConfig { QemuUseAgent = true };
        config.AddPci(bus: "6", slot: "0x12", function: "5", guestSlot: "0x07");
        config.AddInput("tablet", "usb");
        config.FinalizeDefaults();
        var desired = DomainXmlBuilder.Build(CreateDomain.FromConfig(config, "web", "qemu"));
        var current = new XElement(desired);
        var devices = current.Element("devices")!;
        devices.Add(new XElement("input", new XAttribute("type", "keyboard"), new XAttribute("bus", "ps2")),
            new XElement("controller", new XAttribute("type", "usb"), new XAttribute("index", 0), new XAttribute("model", "piix3-uhci")));
        var hostdev = devices.Element("hostdev")!;
        hostdev.Element("source")!.Element("address")!.SetAttributeValue("bus", "0x06");
        hostdev.Element("source")!.Element("address")!.SetAttributeValue("function", "0x5");
        hostdev.Element("address")!.ReplaceWith(new XElement("address", new XAttribute("type", "pci"), new XAttribute("domain", "0x0000"), new XAttribute("bus", "0x00"), new XAttribute("slot", "0x07"), new XAttribute("function", "0x0")));
        devices.Element("channel")!.AddFirst(new XElement("source", new XAttribute("mode", "bind"), new XAttribute("path", "/var/lib/libvirt/qemu/channel/target/domain-1-web/org.qemu.guest_agent.0")));

        // When
        var changes = DomainDefinitionUpdate.Apply(current, desired);

        // Then
        Assert.That(changes, Is.Empty);
    }

    [Test]
    public void AChangedGuestSlotOfAPciDevice_IsAChange()
    {
        // Given
        var config = new LibvirtConfig();
        config.AddPci(bus: "6", slot: "0x12", function: "5", guestSlot: "0x07");
        config.FinalizeDefaults();
        var current = DomainXmlBuilder.Build(CreateDomain.FromConfig(config, "web", "qemu"));
        config.Pcis[0] = config.Pcis[0] with { GuestSlot = "0x08" };

        // When
        var changes = DomainDefinitionUpdate.Apply(current, DomainXmlBuilder.Build(CreateDomain.FromConfig(config, "web", "qemu")));

        // Then
        Assert.That(changes.Select(c => (c.Setting, c.Was, c.Now)), Is.EqualTo(new[] { ("pcis", "0:6:18:5 guest_slot 7", "0:6:18:5 guest_slot 8") }));
        Assert.That(current.Element("devices")!.Element("hostdev")!.Element("address")!.Attribute("slot")!.Value, Is.EqualTo("0x08"));
    }

    private XElement DefinedXml(LibvirtTestMachine machine)
    {
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        return XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive | DomainXmlFlags.Secure));
    }
}
