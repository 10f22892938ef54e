using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Tests.Interop;
using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

/// <summary>The checks of the device settings: each refusal names the setting (ValidationErrors adds the machine).</summary>
[TestFixture]
public class DeviceConfigTests
{
    private static readonly (string Case, Action<LibvirtConfig> Configure, string Message)[] Refusals =
    [
        ("tpm model", c => { c.TpmModel = "tpm-xyz"; c.TpmPath = "/dev/tpm0"; }, "libvirt.tpm_model"),
        ("tpm type", c => { c.TpmType = "software"; c.TpmPath = "/dev/tpm0"; }, "libvirt.tpm_type"),
        ("tpm path of an emulator", c => { c.TpmType = "emulator"; c.TpmVersion = "2.0"; c.TpmPath = "/dev/tpm0"; }, "libvirt.tpm_path"),
        ("tpm relative path", c => c.TpmPath = "tpm0", "libvirt.tpm_path"),
        ("tpm version of a passthrough", c => c.TpmVersion = "2.0", "libvirt.tpm_version"),
        ("tpm version", c => { c.TpmType = "emulator"; c.TpmVersion = "3.0"; }, "libvirt.tpm_version"),
        ("tpm settings that add no tpm", c => c.TpmType = "emulator", "adds no TPM"),
        ("tpm crb of 1.2", c => { c.TpmType = "emulator"; c.TpmVersion = "1.2"; c.TpmModel = "tpm-crb"; }, "no CRB"),
        ("watchdog model", c => c.Watchdog("wdt9000"), "libvirt.watchdog_dev"),
        ("watchdog action", c => c.Watchdog("i6300esb", "explode"), "libvirt.watchdog_dev"),
        ("sound", c => c.SoundType = "gus", "libvirt.sound_type"),
        ("autoport with a port", c => { c.GraphicsAutoport = true; c.GraphicsPort = 5901; }, "libvirt.graphics_autoport"),
        ("no autoport without a port", c => c.GraphicsAutoport = false, "libvirt.graphics_autoport"),
        ("websocket on spice", c => { c.GraphicsType = "spice"; c.GraphicsWebsocket = 5700; }, "libvirt.graphics_websocket"),
        ("websocket port", c => c.GraphicsWebsocket = 80, "libvirt.graphics_websocket"),
        ("gl on vnc", c => c.GraphicsGl = true, "libvirt.graphics_gl"),
        ("accel3d on cirrus", c => { c.VideoAccel3d = true; c.VideoType = "cirrus"; }, "libvirt.video_accel3d"),
        ("channel type", c => c.Channel("udp", "virtio", "x.y"), "channel 1: type"),
        ("channel without a name", c => c.Channel("unix", "virtio"), "needs a target_name"),
        ("guestfwd without a port", c => c.Channel("unix", "guestfwd", sourcePath: "/run/x.sock", targetAddress: "10.0.2.1"), "guestfwd requires"),
        ("spicevmc channel on vnc", c => c.Channel("spicevmc", "virtio", "com.redhat.spice.0"), "SPICE display"),
        ("a channel name twice", c => { c.QemuUseAgent = true; c.Channel("unix", "virtio", LibvirtConfig.GuestAgentChannel); c.Channel("unix", "virtio", LibvirtConfig.GuestAgentChannel); }, "two channels are named"),
        ("serial type", c => c.AddSerial("udp"), "serial 1: type"),
        ("file serial without a path", c => c.AddSerial("file"), "serial 1: a file serial needs"),
        ("tcp serial without a port", c => c.AddSerial("tcp"), "serial 1: a tcp serial needs a port"),
        ("pty serial with a path", c => c.AddSerial("pty", path: "/tmp/x"), "a pty serial takes no path"),
        ("two serials to one file", c => { c.AddSerial("file", path: "/tmp/s"); c.AddSerial("file", path: "/tmp/s"); }, "two serials write to /tmp/s"),
        ("input type", c => c.AddInput("joystick", "usb"), "input 1: type"),
        ("input bus", c => c.AddInput("mouse", "serial"), "input 1: bus"),
        ("ps2 tablet", c => c.AddInput("tablet", "ps2"), "a tablet is a usb or virtio device"),
        ("three floppies", c => { c.AddFloppy("/a.img"); c.AddFloppy("/b.img"); c.AddFloppy("/c.img"); }, "at most two floppy drives"),
        ("floppy device", c => c.AddFloppy("/a.img", "fdc"), "floppy 1: device"),
        ("usb controller model", c => c.UsbController("ehci-9000"), "libvirt.usbctl_dev"),
        ("usb controller none with usb devices", c => { c.UsbController("none"); c.AddUsb(vendor: "0x1234"); }, "model none leaves no USB bus"),
        ("usb with nothing", c => c.AddUsb(), "usb 1: bus and device and/or vendor"),
        ("usb vendor", c => c.AddUsb(vendor: "1234"), "usb 1: vendor"),
        ("usb bus without device", c => c.AddUsb(bus: "1", vendor: "0x1234"), "bus and device go together"),
        ("redirdev tcp", c => { c.GraphicsType = "spice"; c.AddRedirdev("tcp"); }, "redirdev 1: type"),
        ("redirdev on vnc", c => c.AddRedirdev(), "needs a SPICE display"),
        ("redirfilter without redirdev", c => c.AddRedirfilter(allow: true), "libvirt.redirfilter"),
        ("redirfilter vendor", c => { c.GraphicsType = "spice"; c.AddRedirdev(); c.AddRedirfilter(allow: true, vendor: "vendor"); }, "redirfilter 1: vendor"),
        ("pci slot", c => c.AddPci(bus: "0x06", slot: "0x40", function: "0"), "pci 1: slot"),
        ("pci guest function", c => c.AddPci(bus: "0x06", slot: "0x1", function: "0", guestFunction: "9"), "pci 1: guest_function"),
        ("smartcard mode", c => { c.GraphicsType = "spice"; c.Smartcard(mode: "host"); }, "libvirt.smartcard_dev"),
        ("smartcard tcp without a source", c => c.Smartcard(type: "tcp"), "needs source_mode, source_host and source_service"),
        ("smartcard spicevmc on vnc", c => c.Smartcard(), "spicevmc smartcard needs a SPICE display"),
        ("an empty exclude prefix", c => c.HostDeviceExcludePrefixes = [""], "libvirt.host_device_exclude_prefixes"),
    ];

    private static IEnumerable<TestCaseData> RefusalCases => Refusals.Select(r => new TestCaseData(r.Configure, r.Message).SetArgDisplayNames(r.Case));

    [TestCaseSource(nameof(RefusalCases))]
    public void Validate_RefusesADeviceSettingLibvirtWouldRefuseOrDrop_NamingTheSetting(Action<LibvirtConfig> configure, string message)
    {
        // Given
        var config = new LibvirtConfig();
        configure(config);

        // When
        var errors = Errors(config);

        // Then
        Assert.That(errors, Has.Some.Contains(message));
    }

    [Test]
    public void Validate_AcceptsEveryDeviceGroupSetAsVagrantLibvirtDocumentsIt()
    {
        // Given
        var config = new LibvirtConfig { GraphicsType = "spice", TpmType = "emulator", TpmVersion = "2.0", SoundType = "ich6", VideoAccel3d = true, QemuUseAgent = true };
        config.Watchdog("i6300esb");
        config.AddSerial("file", path: "/var/log/web.log");
        config.AddSerial("tcp", port: 4555);
        config.AddInput("tablet", "usb");
        config.AddFloppy("/srv/a.img");
        config.AddUsb(bus: "1", device: "2");
        config.AddRedirdev();
        config.AddRedirfilter(allow: true, usbClass: "0x08");
        config.AddPci(bus: "0x06", slot: "0x12", function: "0x5");
        config.Smartcard();

        // When / Then
        Assert.That(Errors(config), Is.Empty);
    }

    [Test]
    public void Defaults_FollowVagrantLibvirt_WithVnetsRngOn()
    {
        // Given
        var config = new LibvirtConfig { VideoAccel3d = true, GraphicsType = "spice", QemuUseAgent = true };

        // When
        config.FinalizeDefaults();

        // Then: accel3d brings a virtio card and OpenGL, and the agent and SPICE get their channels
        Assert.That((config.VideoType, config.GraphicsGl, config.Rng), Is.EqualTo(("virtio", true, true)));
        Assert.That(config.HostDeviceExcludePrefixes, Is.EqualTo(new[] { "docker", "macvtap", "virbr", "vnet" }));
        Assert.That(config.EffectiveChannels().Select(c => (c.Type, c.TargetName)), Is.EqualTo(new[] { ("unix", LibvirtConfig.GuestAgentChannel), ("spicevmc", "com.redhat.spice.0") }));
        Assert.That(GuestDevices.From(config).UsbController, Is.Null, "no USB device: libvirt's own controller");
    }

    [Test]
    public void ADisabledChannel_KeepsTheAutomaticOneOfItsFamilyOut()
    {
        var config = new LibvirtConfig { QemuUseAgent = true };
        config.Channel("unix", "virtio", "org.qemu.guest_agent.0", disabled: true);
        config.FinalizeDefaults();

        Assert.That(config.EffectiveChannels(), Is.Empty);
    }

    [Test]
    public void UsbDevices_BringAQemuXhciController_UnlessOneIsGiven()
    {
        var config = new LibvirtConfig();
        config.AddUsb(vendor: "0x1234", product: "0x5678");
        Assert.That(GuestDevices.From(config).UsbController, Is.EqualTo(new UsbControllerDevice("qemu-xhci", null)));

        config.UsbController("nec-xhci", ports: 8);
        Assert.That(GuestDevices.From(config).UsbController, Is.EqualTo(new UsbControllerDevice("nec-xhci", 8)));
    }

    [TestCase("tpm_model", "tpm-crb")]
    [TestCase("tpm_type", "emulator")]
    [TestCase("tpm_path", "/dev/tpm0")]
    [TestCase("tpm_version", "2.0")]
    [TestCase("sound_type", "ich9")]
    [TestCase("rng", false)]
    [TestCase("graphics_autoport", true)]
    [TestCase("graphics_websocket", 5700)]
    [TestCase("graphics_gl", true)]
    [TestCase("video_accel3d", true)]
    public void UntypedKey_SetsTheTypedSetting(string key, object value)
    {
        // Given
        var config = new LibvirtConfig();

        // When
        config.Set(key, value);

        // Then
        var property = typeof(LibvirtConfig).GetProperties().Single(p => p.Name.Equals(key.Replace("_", string.Empty), StringComparison.OrdinalIgnoreCase));
        Assert.That(property.GetValue(config), Is.EqualTo(value));
    }

    [Test]
    [Category("LibvirtTestDriver")]
    public void FromAgent_ReadsTheGuestAgentsAddressOfTheNic_OrNullWhenItDoesNotAnswer()
    {
        // Given: a running domain of the test driver, whose guest agent source reports addresses
        using var connection = LibvirtConnection.Open(TestDriver.Uri);
        var name = TestDriver.UniqueName("agent");
        using var domain = connection.DefineDomain(TestDriver.DomainXml(name, "52:54:00:12:34:99"));
        try
        {
            domain.Create();

            // When
            var address = LeaseFinder.FromAgent(domain, "52:54:00:12:34:99");
            var other = LeaseFinder.FromAgent(domain, "52:54:00:00:00:00");

            // Then
            Assert.That(System.Net.IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork, Is.True, address);
            Assert.That(other, Is.Null);
        }
        finally
        {
            domain.Destroy();
            domain.Undefine();
        }
    }

    private static List<string> Errors(LibvirtConfig config)
    {
        config.FinalizeDefaults();
        var errors = new ValidationErrors("web");
        config.Validate(errors);
        return [.. errors.All.Select(e => e.ToString())];
    }
}
