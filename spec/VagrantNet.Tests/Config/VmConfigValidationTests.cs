using VagrantNet.Sdk.Config;

namespace VagrantNet.Tests.Config;

/// <summary>The checks <c>vnet validate</c> makes of networks, synced folders, the communicator and provisioner env, against the installed plugins.</summary>
[TestFixture]
public class VmConfigValidationTests
{
    private string _project = null!;

    [SetUp]
    public void CreateProject()
    {
        _project = Directory.CreateTempSubdirectory("vnet-validate-").FullName;
        Directory.CreateDirectory(Path.Combine(_project, "src"));
    }

    [TearDown]
    public void DeleteProject() => Directory.Delete(_project, recursive: true);

    /// <summary>Errors of a machine configured by <paramref name="configure"/> in a project with ssh, rsync and nfs installed.</summary>
    private List<string> Errors(Action<RootConfig> configure)
    {
        var config = new RootConfig();
        config.Vm.Box = "vnet/debian12";
        configure(config);
        config.FinalizeDefaults();
        var errors = new ValidationErrors("web", _project) { Communicators = ["ssh"], SyncedFolderTypes = ["rsync", "nfs"] };
        config.Validate(errors);
        return [.. errors.All.Select(e => e.ToString())];
    }

    [Test]
    public void Should_Accept_A_Config_That_Uses_Only_What_Is_Installed_And_Present()
    {
        // Given, When
        var errors = Errors(c =>
        {
            c.Vm.Communicator = "ssh";
            c.Vm.SyncedFolder("src", "/srv/src", type: "nfs");
            c.Vm.SyncedFolder("./made-on-demand", "/srv/new", create: true);
            c.Vm.SyncedFolder("./gone", "/srv/gone", disabled: true);
            c.Vm.Network.PrivateNetwork(ip: "fd00::10", netmask: "64");
            c.Vm.Network.PublicNetwork(ip: "192.168.1.50", netmask: "255.255.255.0");
            c.Vm.Network.ForwardedPort(guest: 53, host: 5353, protocol: "tcp");
            c.Vm.Network.ForwardedPort(guest: 53, host: 5353, protocol: "udp");
            c.Vm.Network.ForwardedPort(guest: 80, host: 8080, hostIp: "127.0.0.1");
            c.Vm.Network.ForwardedPort(guest: 81, host: 8080, hostIp: "127.0.0.2");
            c.Vm.Provision.Shell("env", inline: "true", env: new() { ["HTTP_PROXY"] = "x", ["_private"] = "y", ["A1"] = "z" });
        });

        // Then
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Should_Refuse_A_Communicator_No_Plugin_Provides_Listing_The_Known_Ones()
    {
        // Given, When
        var errors = Errors(c => c.Vm.Communicator = "winrm");

        // Then
        Assert.That(errors, Is.EqualTo(new[] { "vm.communicator: 'winrm' is not a communicator any installed plugin provides; known communicators: ssh" }));
    }

    [Test]
    public void Should_Refuse_A_Synced_Folder_Type_No_Plugin_Provides_Listing_The_Known_Ones()
    {
        // Given, When
        var errors = Errors(c => c.Vm.SyncedFolder("src", "/srv/src", type: "bogus"));

        // Then
        Assert.That(errors, Is.EqualTo(new[] { "vm.synced_folder: type 'bogus' of the folder for '/srv/src' is not a synced folder type any installed plugin provides; known types: nfs, rsync" }));
    }

    [Test]
    public void Should_Refuse_A_Missing_Host_Folder_Unless_Create_Is_Asked_For()
    {
        // Given, When
        var errors = Errors(c => c.Vm.SyncedFolder("./missing", "/srv/missing"));

        // Then
        Assert.That(errors, Is.EqualTo(new[] { "vm.synced_folder: host path './missing' of the folder for '/srv/missing' is not a directory on the host; create it, or pass create: true to have vnet create it" }));
    }

    [Test]
    public void Should_Resolve_The_Host_Folder_Against_The_Project_So_The_Implicit_Root_Share_Validates()
    {
        // Given: the implicit "." share and a relative folder, validated from a different current directory
        var config = new RootConfig();
        config.Vm.Box = "b";
        config.Vm.SyncedFolder("src", "/srv/src");
        config.FinalizeDefaults();
        var elsewhere = new ValidationErrors("web", Path.Combine(_project, "src"));

        // When
        config.Validate(new ValidationErrors("web", _project));
        config.Validate(elsewhere);

        // Then
        Assert.That(config.Vm.SyncedFolders.Select(f => f.HostPath), Is.EqualTo(new[] { "src", "." }));
        Assert.That(elsewhere.All.Select(e => e.Message), Is.EqualTo(new[] { "host path 'src' of the folder for '/srv/src' is not a directory on the host; create it, or pass create: true to have vnet create it" }));
    }

    [TestCase("BAD NAME;rm -rf /", "'BAD NAME;rm -rf /'")]
    [TestCase("1ABC", "'1ABC'")]
    [TestCase("", "''")]
    [TestCase("A-B", "'A-B'")]
    [TestCase("A\u001bB", @"'A\u001bB'")]
    public void Should_Refuse_A_Shell_Env_Name_That_Is_No_Variable_Name(string name, string shown)
    {
        // Given, When
        var errors = Errors(c => c.Vm.Provision.Shell("setup", inline: "true", env: new() { [name] = "x" }));

        // Then
        Assert.That(errors, Is.EqualTo(new[] { $"vm.provision \"setup\": env: {shown} is not an environment variable name; a name is a letter or '_' followed by letters, digits and '_'" }));
    }

    [Test]
    public void Should_Refuse_A_Host_Port_Forwarded_On_Every_Address_And_On_One()
    {
        // Given, When
        var errors = Errors(c =>
        {
            c.Vm.Network.ForwardedPort(guest: 80, host: 8080);
            c.Vm.Network.ForwardedPort(guest: 81, host: 8080, hostIp: "127.0.0.1");
        });

        // Then
        Assert.That(errors, Is.EqualTo(new[] { "vm.network \"forwarded_port\": host: port 8080/tcp on '127.0.0.1' is forwarded more than once (to guest ports 80 and 81); each host address, port and protocol can be forwarded once" }));
    }

    [Test]
    public void Should_Report_A_Port_Forwarded_Three_Times_Once()
    {
        // Given, When
        var errors = Errors(c =>
        {
            c.Vm.Network.ForwardedPort(guest: 80, host: 8080);
            c.Vm.Network.ForwardedPort(guest: 81, host: 8080);
            c.Vm.Network.ForwardedPort(guest: 82, host: 8080);
        });

        // Then
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.Contain("port 8080/tcp on every host address"));
    }

    [TestCase("10.0.0", "'10.0.0' is not an IP address")]
    [TestCase("1", "'1' is not an IP address")]
    [TestCase("255.255.255.255", "'255.255.255.255' cannot be a machine's ip: it is the broadcast address")]
    public void Should_Refuse_A_Private_Network_Ip_That_Cannot_Be_The_Machines(string ip, string message)
    {
        // Given, When
        var errors = Errors(c => c.Vm.Network.PrivateNetwork(ip: ip));

        // Then
        Assert.That(errors.Single(), Does.StartWith("vm.network \"private_network\": " + message));
    }

    [TestCase("255.0.255.0")]
    [TestCase("33")]
    public void Should_Refuse_A_Netmask_That_Is_No_Mask_Naming_It(string netmask)
    {
        // Given, When
        var errors = Errors(c => c.Vm.Network.PrivateNetwork(ip: "10.0.0.2", netmask: netmask));

        // Then
        Assert.That(errors, Is.EqualTo(new[] { $"vm.network \"private_network\": netmask: '{netmask}' is neither a prefix length (1-32) nor a dotted mask of contiguous ones such as 255.255.255.0" }));
    }

    [Test]
    public void Should_Refuse_A_Forwarded_Port_Host_Ip_That_Is_No_Address()
    {
        // Given, When
        var errors = Errors(c => c.Vm.Network.ForwardedPort(guest: 80, host: 8080, hostIp: "not-an-ip"));

        // Then
        Assert.That(errors, Is.EqualTo(new[] { "vm.network \"forwarded_port\": host_ip 'not-an-ip' is not an IP address: it must be four numbers 0-255 separated by dots, such as 127.0.0.1, or an IPv6 address" }));
    }

    [Test]
    public void Should_Not_Check_Communicators_Or_Folder_Types_When_The_Installed_Ones_Are_Not_Known()
    {
        // Given
        var config = new RootConfig();
        config.Vm.Box = "b";
        config.Vm.Communicator = "winrm";
        config.Vm.SyncedFolder("src", "/srv/src", type: "smb");
        config.FinalizeDefaults();
        var errors = new ValidationErrors("web", _project);

        // When
        config.Validate(errors);

        // Then
        Assert.That(errors.All, Is.Empty);
    }
}
