using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.BadInput;

/// <summary>
/// The configuration corpus: each case is a small Vagrantfile.csx run through <c>vnet validate</c> (or the command
/// named), which must refuse it cleanly, naming the machine, the setting and the value, and write nothing.
/// </summary>
[TestFixture]
[NonParallelizable]
public class ConfigBadInputTests
{
    private ProjectFixture _project = null!;

    [SetUp]
    public void CreateProject() => _project = new ProjectFixture();

    [TearDown]
    public void DeleteProject() => _project.Dispose();

    /// <summary>One bad Vagrantfile: the lines inside the <c>web</c> machine's Define block, and what the refusal must name.</summary>
    public sealed record Case(string Name, string Body, string[] Names, string Outside = "", bool Libvirt = false, string Machine = "\"web\"")
    {
        public override string ToString() => Name;
    }

    private static TestCaseData Data(Case c) => new TestCaseData(c).SetName(c.Name);

    private static IEnumerable<TestCaseData> MachineNames() => new[]
    {
        new Case("An absolute machine name", string.Empty, ["'/abs/x'", "vm.define", "path separator"], Machine: "\"/abs/x\""),
        new Case("A machine name that climbs out of the project", string.Empty, ["'../../x'", "vm.define"], Machine: "\"../../x\""),
        new Case("A machine name with a slash", string.Empty, ["'web/db'", "vm.define"], Machine: "\"web/db\""),
        new Case("A machine name with a backslash", string.Empty, [@"'web\db'", "vm.define"], Machine: "\"web\\\\db\""),
        new Case("An empty machine name", string.Empty, ["''", "vm.define", "empty"], Machine: "\"\""),
        new Case("The machine name dot", string.Empty, ["'.'", "vm.define"], Machine: "\".\""),
        new Case("The machine name dot dot", string.Empty, ["'..'", "vm.define"], Machine: "\"..\""),
        new Case("A machine name with a NUL", string.Empty, [@"'a\0b'", "vm.define", "control character"], Machine: "\"a\\0b\""),
        new Case("A machine name with a newline", string.Empty, [@"'a\nb'", "vm.define", "control character"], Machine: "\"a\\nb\""),
        new Case("A machine name with an escape sequence", string.Empty, [@"'\u001b[31mred'", "vm.define"], Machine: "\"\\u001b[31mred\""),
        new Case("A machine name starting with a dot", string.Empty, ["'.hidden'", "vm.define", "starts with '.'"], Machine: "\".hidden\""),
        new Case("A machine name starting with a dash", string.Empty, ["'-rf'", "vm.define", "starts with '-'"], Machine: "\"-rf\""),
        new Case("A machine name with a space", string.Empty, ["'web db'", "vm.define"], Machine: "\"web db\""),
        new Case("A machine name with a non-ASCII letter", string.Empty, ["'wéb'", "vm.define"], Machine: "\"wéb\""),
        new Case("A machine name of 129 characters", string.Empty, ["vm.define", "129 characters"], Machine: "new string('a', 129)"),
        new Case("A null machine name", string.Empty, ["Define", "null for 'name'"], Machine: "null!"),
    }.Select(Data);

    private static IEnumerable<TestCaseData> Settings() => new[]
    {
        new Case("A private network ip of three numbers", """web.Vm.Network.PrivateNetwork(ip: "10.0.0");""", ["vm.network \"private_network\"", "'10.0.0'"]),
        new Case("A private network ip of one number", """web.Vm.Network.PrivateNetwork(ip: "1");""", ["vm.network \"private_network\"", "'1'", "not an IP address"]),
        new Case("The broadcast address as a machine's ip", """web.Vm.Network.PrivateNetwork(ip: "255.255.255.255");""", ["vm.network \"private_network\"", "'255.255.255.255'", "broadcast"]),
        new Case("The unspecified address as a machine's ip", """web.Vm.Network.PrivateNetwork(ip: "0.0.0.0");""", ["vm.network \"private_network\"", "'0.0.0.0'", "unspecified"]),
        new Case("A multicast address as a machine's ip", """web.Vm.Network.PrivateNetwork(ip: "224.0.0.1");""", ["vm.network \"private_network\"", "'224.0.0.1'", "multicast"]),
        new Case("A loopback address as a machine's ip", """web.Vm.Network.PrivateNetwork(ip: "127.0.0.5");""", ["vm.network \"private_network\"", "'127.0.0.5'", "loopback"]),
        new Case("An ip with a part above 255", """web.Vm.Network.PrivateNetwork(ip: "10.0.0.256");""", ["vm.network \"private_network\"", "'10.0.0.256'"]),
        new Case("An ip with a leading zero", """web.Vm.Network.PrivateNetwork(ip: "010.0.0.1");""", ["vm.network \"private_network\"", "'010.0.0.1'"]),
        new Case("A public network ip of three numbers", """web.Vm.Network.PublicNetwork(ip: "1.2.3");""", ["vm.network \"public_network\"", "'1.2.3'"]),
        new Case("A netmask whose ones are not contiguous", """web.Vm.Network.PrivateNetwork(ip: "10.0.0.2", netmask: "255.0.255.0");""", ["vm.network \"private_network\"", "netmask", "'255.0.255.0'"]),
        new Case("A prefix length of 33 for IPv4", """web.Vm.Network.PrivateNetwork(ip: "10.0.0.2", netmask: "33");""", ["vm.network \"private_network\"", "netmask", "'33'", "1-32"]),
        new Case("A prefix length of 0", """web.Vm.Network.PrivateNetwork(ip: "10.0.0.2", netmask: "0");""", ["vm.network \"private_network\"", "netmask", "'0'"]),
        new Case("A prefix length with a sign", """web.Vm.Network.PrivateNetwork(ip: "10.0.0.2", netmask: "+24");""", ["vm.network \"private_network\"", "netmask", "'+24'"]),
        new Case("A prefix length of 129 for IPv6", """web.Vm.Network.PrivateNetwork(ip: "fd00::10", netmask: "129");""", ["vm.network \"private_network\"", "netmask", "'129'", "1-128"]),
        new Case("A forwarded port host_ip that is no address", """web.Vm.Network.ForwardedPort(guest: 80, host: 8080, hostIp: "not-an-ip");""", ["vm.network \"forwarded_port\"", "host_ip", "'not-an-ip'"]),
        new Case("A forwarded port guest_ip that is no address", """web.Vm.Network.ForwardedPort(guest: 80, host: 8080, guestIp: "999.1.1.1");""", ["vm.network \"forwarded_port\"", "guest_ip", "'999.1.1.1'"]),
        new Case("A host port forwarded twice", """web.Vm.Network.ForwardedPort(guest: 80, host: 8080); web.Vm.Network.ForwardedPort(guest: 81, host: 8080);""", ["vm.network \"forwarded_port\"", "8080/tcp", "more than once"]),
        new Case("A host port forwarded on every address and on one", """web.Vm.Network.ForwardedPort(guest: 80, host: 8080); web.Vm.Network.ForwardedPort(guest: 81, host: 8080, hostIp: "127.0.0.1");""", ["vm.network \"forwarded_port\"", "8080/tcp", "more than once"]),
        new Case("A host port forwarded twice on the same address", """web.Vm.Network.ForwardedPort(guest: 80, host: 2222, hostIp: "127.0.0.1"); web.Vm.Network.ForwardedPort(guest: 22, host: 2222, hostIp: "127.0.0.1");""", ["vm.network \"forwarded_port\"", "2222/tcp", "'127.0.0.1'"]),
        new Case("A host port forwarded by the project and again by the machine", """web.Vm.Network.ForwardedPort(guest: 443, host: 8080);""", ["vm.network \"forwarded_port\"", "8080/tcp"], Outside: """config.Vm.Network.ForwardedPort(guest: 80, host: 8080);"""),
        new Case("A host port of 0", """web.Vm.Network.ForwardedPort(guest: 80, host: 0);""", ["vm.network \"forwarded_port\"", "host: port 0"]),
        new Case("A guest port above 65535", """web.Vm.Network.ForwardedPort(guest: 65536, host: 8080);""", ["vm.network \"forwarded_port\"", "guest: port 65536"]),
        new Case("A forwarded port protocol other than tcp or udp", """web.Vm.Network.ForwardedPort(guest: 80, host: 8080, protocol: "sctp");""", ["vm.network \"forwarded_port\"", "'sctp'"]),
        new Case("A MAC address that is not one", """web.Vm.Network.PrivateNetwork(ip: "10.0.0.2", mac: "52:54:00:zz:00:01");""", ["vm.network \"private_network\"", "'52:54:00:zz:00:01'"]),
        new Case("A synced folder whose host path is missing", """web.Vm.SyncedFolder("./missing", "/srv/missing");""", ["vm.synced_folder", "'./missing'", "create: true"]),
        new Case("A synced folder whose host path is a file", """web.Vm.SyncedFolder("Vagrantfile.csx", "/srv/file");""", ["vm.synced_folder", "'Vagrantfile.csx'", "not a directory"]),
        new Case("A synced folder with an empty host path", """web.Vm.SyncedFolder("", "/srv/empty");""", ["vm.synced_folder", "''", "not a path"]),
        new Case("A synced folder of an unknown type", """web.Vm.SyncedFolder(".", "/srv/app", type: "bogus");""", ["vm.synced_folder", "'bogus'", "nfs, rsync"]),
        new Case("A synced folder with a relative guest path", """web.Vm.SyncedFolder(".", "srv/app");""", ["vm.synced_folder", "'srv/app'", "absolute"]),
        new Case("The winrm communicator", """web.Vm.Communicator = "winrm";""", ["vm.communicator", "'winrm'", "known communicators: ssh"]),
        new Case("A communicator nobody provides", """web.Vm.Communicator = "carrier-pigeon";""", ["vm.communicator", "'carrier-pigeon'", "known communicators: ssh"]),
        new Case("A shell env name with a space and a command", """web.Vm.Provision.Shell("env", inline: "true", env: new() { ["BAD NAME;rm -rf /"] = "x" });""", ["vm.provision \"env\"", "env", "'BAD NAME;rm -rf /'"]),
        new Case("A shell env name starting with a digit", """web.Vm.Provision.Shell("env", inline: "true", env: new() { ["1ABC"] = "x" });""", ["vm.provision \"env\"", "'1ABC'"]),
        new Case("An empty shell env name", """web.Vm.Provision.Shell("env", inline: "true", env: new() { [""] = "x" });""", ["vm.provision \"env\"", "env: ''"]),
        new Case("A shell env name with an escape character", """web.Vm.Provision.Shell("env", inline: "true", env: new() { ["A\u001bB"] = "x" });""", ["vm.provision \"env\"", @"'A\u001bB'"]),
        new Case("A hostname with an escape sequence", """web.Vm.Hostname = "web\u001b[2J";""", ["vm.hostname", @"'web\u001b[2J'"]),
        new Case("A shell script path with a NUL", """web.Vm.Provision.Shell("nul", path: "a\0b.sh");""", ["vm.provision \"nul\"", @"a\0b.sh"]),
        new Case("A box version constraint with a newline", """web.Vm.BoxVersion = ">= 1.0\n<2";""", ["vm.box_version", @"'>= 1.0\n<2'"]),
        new Case("Two bad settings reported together", """web.Vm.Network.PrivateNetwork(ip: "1"); web.Vm.Communicator = "winrm";""", ["'1'", "'winrm'", "vm.communicator", "vm.network \"private_network\""]),
    }.Select(Data);

    private static IEnumerable<TestCaseData> UntypedSettings() => new[]
    {
        new Case("A bool for a whole-number setting", """web.Vm.Provider("sample", p => p["volume"] = true);""", ["'volume'", "Boolean true", "Int32"]),
        new Case("A fraction for a whole-number setting", """web.Vm.Provider("sample", p => p["volume"] = 2.5);""", ["'volume'", "Double 2.5", "Int32"]),
        new Case("Text for a whole-number setting", """web.Vm.Provider("sample", p => p["volume"] = "11");""", ["'volume'", "String '11'", "Int32"]),
        new Case("A number for a text setting", """web.Vm.Provider("sample", p => p["greeting"] = 5);""", ["'greeting'", "Int32 5", "String"]),
        new Case("A number too large for the setting", """web.Vm.Provider("sample", p => p["volume"] = 3000000000L);""", ["'volume'", "Int64 3000000000", "Int32"]),
        new Case("A setting the provider does not have", """web.Vm.Provider("sample", p => p["colour"] = "red");""", ["'colour'", "Known settings"]),
    }.Select(Data);

    private static IEnumerable<TestCaseData> LibvirtSettings() => new[]
    {
        new Case("A bool for libvirt memory", """web.Vm.Provider("libvirt", p => p["memory"] = true);""", ["'memory'", "Boolean true", "Int32"], Libvirt: true),
        new Case("A fraction for libvirt cpus", """web.Vm.Provider("libvirt", p => p["cpus"] = 2.5);""", ["'cpus'", "Double 2.5", "Int32"], Libvirt: true),
        new Case("Text for libvirt memory", """web.Vm.Provider("libvirt", p => p["memory"] = "1024");""", ["'memory'", "String '1024'", "Int32"], Libvirt: true),
        new Case("A number for the libvirt driver", """web.Vm.Provider("libvirt", p => p["driver"] = 1);""", ["'driver'", "Int32 1", "String"], Libvirt: true),
        new Case("A negative libvirt graphics port", """web.Vm.Provider("libvirt", p => p["graphics_port"] = -7);""", ["web", "libvirt.graphics_port", "-7", "5900"], Libvirt: true),
        new Case("A libvirt graphics port below 5900", """web.Vm.Provider<LibvirtConfig>(lv => lv.GraphicsPort = 80);""", ["web", "libvirt.graphics_port", "80"], Libvirt: true),
        new Case("A libvirt extra disk on a floppy bus", """web.Vm.Provider<LibvirtConfig>(lv => lv.AddDisk(bus: "floppy"));""", ["web", "libvirt.storage", "'floppy'", "virtio, scsi, sata, ide, usb"], Libvirt: true),
        new Case("A libvirt extra disk of no size", """web.Vm.Provider<LibvirtConfig>(lv => lv.AddDisk(size: "lots"));""", ["web", "libvirt.storage", "'lots'"], Libvirt: true),
        new Case("A libvirt extra disk of an unknown format", """web.Vm.Provider<LibvirtConfig>(lv => lv.AddDisk(type: "vmdk"));""", ["web", "libvirt.storage", "'vmdk'"], Libvirt: true),
        new Case("A libvirt extra disk with an unknown cache mode", """web.Vm.Provider<LibvirtConfig>(lv => lv.AddDisk(cache: "sometimes"));""", ["web", "libvirt.storage", "'sometimes'"], Libvirt: true),
        new Case("A libvirt extra disk named like a path", """web.Vm.Provider<LibvirtConfig>(lv => lv.AddDisk(device: "../vdb"));""", ["web", "libvirt.storage", "'../vdb'"], Libvirt: true),
        new Case("A libvirt boot from a CD-ROM the machine lacks", """web.Vm.Provider<LibvirtConfig>(lv => lv.BootOrder = new[] { "cdrom", "hd" });""", ["web", "libvirt.boot", "\"cdrom\" names no device", "AddCdrom"], Libvirt: true),
        new Case("A libvirt CD-ROM of a relative path", """web.Vm.Provider<LibvirtConfig>(lv => lv.AddCdrom("install.iso"));""", ["web", "libvirt.storage", "cdrom 1", "'install.iso'", "absolute path"], Libvirt: true),
        new Case("A libvirt nvram without a loader", """web.Vm.Provider("libvirt", p => p["nvram_template"] = "/usr/share/OVMF/OVMF_VARS_4M.fd");""", ["web", "libvirt.nvram_template", "libvirt.loader"], Libvirt: true),
        new Case("A libvirt disk bus nobody knows", """web.Vm.Provider<LibvirtConfig>(lv => lv.DiskBus = "floppy");""", ["web", "libvirt.disk_bus", "floppy"], Libvirt: true),
        new Case("Text for a libvirt tunnel port", """web.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__tunnel_type"] = "udp", ["libvirt__tunnel_port"] = "lots", ["libvirt__tunnel_local_port"] = 4000 });""", ["web", "libvirt__tunnel_port", "'lots'", "1 and 65535"], Libvirt: true),
        new Case("A libvirt tunnel local port above 65535", """web.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__tunnel_type"] = "udp", ["libvirt__tunnel_port"] = 4000, ["libvirt__tunnel_local_port"] = 70000 });""", ["web", "libvirt__tunnel_local_port", "70000"], Libvirt: true),
        new Case("A fraction for a libvirt tunnel port", """web.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__tunnel_type"] = "udp", ["libvirt__tunnel_port"] = 4000.5, ["libvirt__tunnel_local_port"] = 4001 });""", ["web", "libvirt__tunnel_port", "4000.5"], Libvirt: true),
        new Case("A libvirt udp tunnel without its ports", """web.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__tunnel_type"] = "udp" });""", ["web", "libvirt__tunnel_port", "libvirt__tunnel_local_port", "udp tunnel"], Libvirt: true),
        new Case("A libvirt tunnel ip that is no address", """web.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__tunnel_ip"] = "nope" });""", ["web", "libvirt__tunnel_ip", "'nope'"], Libvirt: true),
        new Case("A libvirt tunnel type nobody knows", """web.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__tunnel_type"] = "pipe" });""", ["web", "libvirt__tunnel_type", "'pipe'"], Libvirt: true),
        new Case("A libvirt dhcp flag that is neither true nor false", """web.Vm.Network.PrivateNetwork(type: "dhcp", options: new() { ["libvirt__dhcp_enabled"] = "maybe" });""", ["web", "libvirt__dhcp_enabled", "'maybe'"], Libvirt: true),
        new Case("A libvirt forward mode nobody knows", """web.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__forward_mode"] = "teleport" });""", ["web", "libvirt__forward_mode", "'teleport'"], Libvirt: true),
        new Case("A libvirt netmask of 33", """web.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__netmask"] = "33" });""", ["web", "libvirt__netmask", "'33'"], Libvirt: true),
        new Case("An unknown libvirt network option", """web.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__bogus"] = 1 });""", ["web", "libvirt__bogus", "10.0.0.2", "libvirt__mtu", "libvirt__iface_name"], Libvirt: true),
        new Case("A mistyped libvirt network option", """web.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__iface_nam"] = "lab0" });""", ["web", "libvirt__iface_nam", "Did you mean libvirt__iface_name?"], Libvirt: true),
        new Case("A libvirt network option a tunnel would ignore", """web.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__tunnel_type"] = "udp", ["libvirt__tunnel_port"] = 4000, ["libvirt__tunnel_local_port"] = 4001, ["libvirt__dhcp_enabled"] = false });""", ["web", "libvirt__dhcp_enabled", "tunnel"], Libvirt: true),
        new Case("A libvirt iface_name libvirt would replace", """web.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__iface_name"] = "vnet-t0" });""", ["web", "libvirt__iface_name", "'vnet-t0'", "libvirt keeps"], Libvirt: true),
        new Case("A libvirt network address that is no network", """web.Vm.Network.PrivateNetwork(type: "dhcp", options: new() { ["libvirt__network_address"] = "10.0.0" });""", ["web", "libvirt__network_address", "'10.0.0'"], Libvirt: true),
    }.Select(Data);

    private string Vagrantfile(Case c) => $$"""
        {{(c.Libvirt ? "using VagrantNet.Providers.Libvirt;" : string.Empty)}}

        Vagrant.Configure(config =>
        {
            config.Vm.Box = "vnet/debian12";
            {{c.Outside}}
            config.Vm.Define({{c.Machine}}, web =>
            {
                {{c.Body}}
            });
        });
        """;

    private async Task<VnetRun> ValidateAsync(Case c)
    {
        _project.WithSamplePlugin();
        if (c.Libvirt)
        {
            _project.WithLibvirtPlugin();
        }

        _project.WithVagrantfileText(Vagrantfile(c));
        return await VnetAsync(c.Libvirt ? ["validate", "--provider=libvirt"] : ["validate"]);
    }

    private Task<VnetRun> VnetAsync(params string[] args) =>
        InProcessVnet.RunAsync(_project.ProjectDirectory, new Dictionary<string, string?>
        {
            ["VNET_HOME"] = _project.Home,
            ["VNET_LOG"] = null,
            ["VNET_VAGRANTFILE"] = null,
            ["VNET_DEFAULT_PROVIDER"] = null,
        }, args);

    /// <summary>Everything under the fixture's root but VNET_HOME (where the compiled script is cached): the project and its neighbours.</summary>
    private IReadOnlyList<string> OutsideHome() =>
        [.. BadInputOutcome.Snapshot(_project.Root).Where(e => !e.StartsWith("home", StringComparison.Ordinal))];

    [TestCaseSource(nameof(MachineNames))]
    public async Task Validate_Refuses_A_Machine_Name_That_Is_Not_One_Path_Component(Case c)
    {
        // Given
        var before = OutsideHome();

        // When
        var run = await ValidateAsync(c);

        // Then
        BadInputOutcome.AssertRefused(run, c.Names);
        Assert.That(OutsideHome().Where(e => !e.StartsWith("project/Vagrantfile.csx ", StringComparison.Ordinal)), Is.EqualTo(before), "validate writes nothing in the project");
    }

    [TestCaseSource(nameof(MachineNames))]
    public async Task Halt_Refuses_A_Bad_Machine_Name_Before_Writing_Any_State(Case c)
    {
        // Given
        _project.WithSamplePlugin().WithVagrantfileText(Vagrantfile(c));
        var before = OutsideHome();

        // When
        var run = await VnetAsync("halt");

        // Then
        BadInputOutcome.AssertRefused(run, c.Names);
        Assert.That(OutsideHome(), Is.EqualTo(before), "no .vnet state, no action.lock, nothing beside the project");
    }

    [TestCaseSource(nameof(Settings))]
    [TestCaseSource(nameof(UntypedSettings))]
    [TestCaseSource(nameof(LibvirtSettings))]
    public async Task Validate_Refuses_A_Bad_Setting_Naming_The_Machine_The_Setting_And_The_Value(Case c)
    {
        // Given
        var before = OutsideHome();

        // When
        var run = await ValidateAsync(c);

        // Then
        BadInputOutcome.AssertRefused(run, [.. c.Names, "web"]);
        Assert.That(OutsideHome().Where(e => !e.StartsWith("project/Vagrantfile.csx ", StringComparison.Ordinal)), Is.EqualTo(before), "validate writes nothing in the project");
    }

    private static IEnumerable<TestCaseData> Legitimate() => new[]
    {
        new Case("Names, networks, folders and env Vagrant accepts", """
            web.Vm.Hostname = "web-1";
            web.Vm.Network.PrivateNetwork(ip: "10.20.30.10", netmask: "255.255.255.0");
            web.Vm.Network.PrivateNetwork(ip: "fd00::10", netmask: "64");
            web.Vm.Network.ForwardedPort(guest: 80, host: 8080);
            web.Vm.Network.ForwardedPort(guest: 53, host: 5353, protocol: "udp");
            web.Vm.Network.ForwardedPort(guest: 53, host: 5353, protocol: "tcp", hostIp: "127.0.0.1");
            web.Vm.SyncedFolder(".", "/srv/app", type: "rsync");
            web.Vm.SyncedFolder("./later", "/srv/later", create: true, type: "nfs");
            web.Vm.Provision.Shell("env", inline: "true", env: new() { ["HTTP_PROXY"] = "http://proxy:3128", ["_X1"] = "1" });
            """, [], Machine: "\"web_1.example-a\""),
        new Case("Libvirt settings vagrant-libvirt accepts", """
            web.Vm.Provider<LibvirtConfig>(lv => { lv.Memory = 1024; lv.Cpus = 2; lv.GraphicsPort = -1; lv.AddDisk(size: "20G", bus: "usb"); });
            web.Vm.Provider("libvirt", p => { p["memory"] = 2048L; p["graphics_port"] = 5901; p["driver"] = "qemu"; });
            web.Vm.Network.PrivateNetwork(ip: "10.0.0.2", options: new() { ["libvirt__tunnel_type"] = "udp", ["libvirt__tunnel_port"] = 4000, ["libvirt__tunnel_local_port"] = "4001", ["libvirt__model_type"] = "e1000" });
            web.Vm.Network.PrivateNetwork(ip: "10.0.9.2", options: new() { ["libvirt__mtu"] = 9000, ["libvirt__iface_name"] = "lab-t0", ["libvirt__domain_name"] = "lab.local", ["libvirt__dhcp_enabled"] = false });
            """, [], Libvirt: true),
    }.Select(Data);

    [TestCaseSource(nameof(Legitimate))]
    public async Task Validate_Accepts_A_Config_Vagrant_Accepts(Case c)
    {
        // Given, When
        var run = await ValidateAsync(c);

        // Then
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("validated successfully"));
    }

    private static IEnumerable<TestCaseData> Fixtures() =>
        new[] { "Minimal.csx", "TwoMachines.csx", "TypedProvider.csx", "UntypedProvider.csx", "WithLoad.csx" }.Select(f => new TestCaseData(f).SetName($"The fixture {f} still validates"));

    [TestCaseSource(nameof(Fixtures))]
    public async Task Validate_Still_Accepts_The_Existing_Fixtures(string fixture)
    {
        // Given: the files the fixtures name, as a real project has them
        _project.WithSamplePlugin().WithVagrantfile(fixture).WithFile("setup.sh", "#!/bin/sh\n").WithFile("src/app.txt", "app\n");
        foreach (var helper in new[] { "helpers.csx" })
        {
            File.Copy(TestPaths.Vagrantfile(helper), Path.Combine(_project.ProjectDirectory, helper), overwrite: true);
        }

        // When
        var run = await VnetAsync("validate");

        // Then
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
    }

    private static IEnumerable<TestCaseData> BadBoxVersions() =>
        new[] { "abc", ">= banana", "1.0 or so", "~>", ">= 1.0,", " ", "1.0\u001b[2J" }.Select(v => new TestCaseData(v).SetName($"Init refuses --box-version {v.Replace("\u001b", "ESC", StringComparison.Ordinal)}"));

    [TestCaseSource(nameof(BadBoxVersions))]
    public async Task Init_Refuses_An_Invalid_Box_Version_And_Writes_Nothing(string version)
    {
        // Given
        var before = OutsideHome();

        // When
        var run = await VnetAsync("init", "vnet/debian12", "--box-version", version);

        // Then
        BadInputOutcome.AssertRefused(run, "--box-version", "not a valid version constraint", VagrantNet.Sdk.Config.UserText.Quote(version));
        Assert.That(OutsideHome(), Is.EqualTo(before));
        Assert.That(File.Exists(_project.VagrantfilePath), Is.False);
    }
}
