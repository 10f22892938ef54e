using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Actions;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Tests.Interop;
using VagrantNet.Providers.Libvirt.Xml;

namespace VagrantNet.Providers.Libvirt.Tests.Xml;

/// <summary>
/// Each device group of <c>LibvirtConfig.Devices.cs</c> as DomainXmlBuilder writes it, against a golden file, and the
/// whole domain accepted by libvirt's test driver with the group's elements kept.
/// </summary>
[Category("LibvirtTestDriver")]
public class GuestDeviceXmlTests
{
    private static readonly Dictionary<string, (Action<LibvirtConfig> Configure, string[] Elements)> Groups = new()
    {
        ["tpm"] = (c =>
        {
            c.TpmType = "emulator";
            c.TpmVersion = "2.0";
            c.TpmModel = "tpm-crb";
        }, ["tpm"]),
        ["tpm-passthrough"] = (c => c.TpmPath = "/dev/tpm0", ["tpm"]),
        ["chardev"] = (c =>
        {
            c.AddSerial();
            c.AddSerial("file", path: "/var/log/vnet/web-ttyS1.log");
            c.AddSerial("tcp", host: "127.0.0.1", port: 4555);
            c.QemuUseAgent = true;
            c.Channel("unix", targetType: "guestfwd", targetAddress: "10.0.2.100", targetPort: 4600, sourcePath: "/run/vnet/fwd.sock", sourceMode: "bind");
        }, ["serial", "console", "channel"]),
        ["peripherals"] = (c =>
        {
            c.Watchdog("i6300esb", "poweroff");
            c.AddInput("tablet", "usb");
            c.AddInput("keyboard", "virtio");
            c.SoundType = "ich9";
            c.AddFloppy("/srv/images/boot.img");
            c.Rng = true;
        }, ["watchdog", "input", "sound", "disk", "rng"]),
        ["passthrough"] = (c =>
        {
            c.GraphicsType = "spice";
            c.AddUsb(vendor: "0x08e6", product: "0x3437", startupPolicy: "optional");
            c.AddUsb(bus: "1", device: "5");
            c.AddPci(bus: "0x06", slot: "0x12", function: "0x5", guestBus: "0x01", guestSlot: "0x07");
            c.AddRedirdev();
            c.AddRedirfilter(allow: true, usbClass: "0x0b", vendor: "0x08e6", product: "0x3437", version: "2.00");
            c.AddRedirfilter(allow: false);
            c.Smartcard(type: "tcp", sourceMode: "connect", sourceHost: "127.0.0.1", sourceService: "2001");
        }, ["controller", "hostdev", "redirdev", "redirfilter", "smartcard", "channel"]),
        ["display"] = (c =>
        {
            c.GraphicsType = "spice";
            c.VideoAccel3d = true;
        }, ["graphics", "video", "channel"]),
        ["websocket"] = (c => c.GraphicsWebsocket = 5700, ["graphics"]),
    };

    private static IEnumerable<string> GroupNames => Groups.Keys;

    [TestCaseSource(nameof(GroupNames))]
    public void DeviceGroup_MatchesItsGoldenFile(string group)
    {
        // Given
        var expected = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Golden", $"devices-{group}.xml"));

        // When
        var xml = DomainXmlBuilder.Build(Spec(group));

        // Then
        Assert.That(CanonicalXml.Of(Elements(xml, Groups[group].Elements)), Is.EqualTo(CanonicalXml.Of(expected)));
    }

    [TestCaseSource(nameof(GroupNames))]
    public void DeviceGroup_IsAcceptedByLibvirt_AndKeptInTheDefinedDomain(string group)
    {
        // Given
        var spec = Spec(group);
        using var connection = LibvirtConnection.Open(TestDriver.Uri);

        // When
        using var domain = connection.DefineDomain(DomainXmlBuilder.Build(spec).ToString());

        // Then: every element of the group is in what libvirt keeps
        try
        {
            var defined = XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive));
            var wanted = Elements(DomainXmlBuilder.Build(spec), Groups[group].Elements).Elements().Select(e => e.Name.LocalName).ToList();
            var kept = defined.Element("devices")!.Elements().Select(e => e.Name.LocalName).ToList();
            foreach (var name in wanted.Distinct())
            {
                Assert.That(kept.Count(k => k == name), Is.GreaterThanOrEqualTo(wanted.Count(w => w == name)), name);
            }
        }
        finally
        {
            domain.Undefine();
        }
    }

    private static DomainSpec Spec(string group)
    {
        var config = new LibvirtConfig();
        Groups[group].Configure(config);
        config.FinalizeDefaults();
        var errors = new VagrantNet.Sdk.Config.ValidationErrors("web");
        config.Validate(errors);
        Assert.That(errors.All, Is.Empty, "the group's config is valid");
        return CreateDomain.FromConfig(config, TestDriver.UniqueName("dev-" + group), "qemu") with { SerialLogFile = "/var/log/libvirt/qemu/web-serial.log" };
    }

    private static XElement Elements(XElement domain, string[] names) =>
        new("devices", domain.Element("devices")!.Elements().Where(e => names.Contains(e.Name.LocalName)).Select(e => new XElement(e)));
}
