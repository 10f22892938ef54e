using VagrantNet.Sdk.Config;

namespace VagrantNet.Tests.Config;

/// <summary>Merge, finalize and validate on the config model, layer by layer as the loader uses them.</summary>
[TestFixture]
public class RootConfigTests
{
    private static RootConfig Layer(Action<RootConfig> configure)
    {
        var config = new RootConfig();
        configure(config);
        return config;
    }

    private static RootConfig Merged(params RootConfig[] layers)
    {
        var config = new RootConfig();
        foreach (var layer in layers)
        {
            config.Merge(layer);
        }

        return config;
    }

    private static List<ValidationError> Validate(RootConfig config, string machine = "default")
    {
        config.FinalizeDefaults();
        var errors = new ValidationErrors(machine);
        config.Validate(errors);
        return [.. errors.All];
    }

    public class TheMergeMethod
    {
        [Test]
        public void Should_Keep_The_Earlier_Value_When_The_Later_Layer_Leaves_It_Unset()
        {
            // Given
            var first = Layer(c => { c.Vm.Box = "vnet/debian12"; c.Vm.BootTimeout = 120; });
            var second = Layer(c => c.Vm.Hostname = "web");

            // When
            var config = Merged(first, second);

            // Then
            Assert.That(config.Vm.Box, Is.EqualTo("vnet/debian12"));
            Assert.That(config.Vm.BootTimeout, Is.EqualTo(120));
            Assert.That(config.Vm.Hostname, Is.EqualTo("web"));
        }

        [Test]
        public void Should_Let_The_Later_Layer_Win_When_Both_Set_A_Value()
        {
            // Given
            var first = Layer(c => { c.Vm.Box = "vnet/debian12"; c.Ssh.Username = "first"; });
            var second = Layer(c => { c.Vm.Box = "vnet/debian13"; c.Ssh.Username = "second"; });

            // When
            var config = Merged(first, second);

            // Then
            Assert.That(config.Vm.Box, Is.EqualTo("vnet/debian13"));
            Assert.That(config.Ssh.Username, Is.EqualTo("second"));
        }

        [Test]
        public void Should_Let_A_Later_False_Override_An_Earlier_True()
        {
            // Given
            var first = Layer(c => c.Ssh.InsertKey = true);
            var second = Layer(c => c.Ssh.InsertKey = false);

            // When
            var config = Merged(first, second);

            // Then
            Assert.That(config.Ssh.InsertKey, Is.False);
        }

        [Test]
        public void Should_Append_Lists_In_Layer_Order()
        {
            // Given
            var first = Layer(c => { c.Vm.Network.PrivateNetwork(ip: "10.0.0.1"); c.Vnet.Plugins.Add("a"); });
            var second = Layer(c => { c.Vm.Network.ForwardedPort(guest: 80, host: 8080); c.Vnet.Plugins.Add("b"); });

            // When
            var config = Merged(first, second);

            // Then
            Assert.That(config.Vm.Network.Networks.Select(n => n.Kind), Is.EqualTo(new[] { NetworkKind.Private, NetworkKind.ForwardedPort }));
            Assert.That(config.Vnet.Plugins, Is.EqualTo(new[] { "a", "b" }));
        }

        [Test]
        public void Should_Replace_An_Array_Setting_Rather_Than_Append_To_It()
        {
            // Given
            var first = Layer(c => c.Vm.BoxUrl = ["https://one.example/box"]);
            var second = Layer(c => c.Vm.BoxUrl = ["https://two.example/box"]);

            // When
            var config = Merged(first, second);

            // Then
            Assert.That(config.Vm.BoxUrl, Is.EqualTo(new[] { "https://two.example/box" }));
        }

        [Test]
        public void Should_Key_Synced_Folders_By_Guest_Path_So_A_Later_Layer_Replaces_The_Folder()
        {
            // Given
            var first = Layer(c => { c.Vm.SyncedFolder("./a", "/data"); c.Vm.SyncedFolder("./logs", "/logs"); });
            var second = Layer(c => c.Vm.SyncedFolder("./b", "/data", type: "nfs"));

            // When
            var config = Merged(first, second);

            // Then
            Assert.That(config.Vm.SyncedFolders.Select(f => (f.GuestPath, f.HostPath, f.Type)), Is.EqualTo(new[] { ("/data", "./b", (string?)"nfs"), ("/logs", "./logs", null) }));
        }

        [Test]
        public void Should_Replace_A_Named_Provisioner_In_Place_And_Append_Unnamed_Ones()
        {
            // Given
            var first = Layer(c =>
            {
                c.Vm.Provision.Shell("setup", inline: "echo one");
                c.Vm.Provision.Shell(inline: "echo unnamed");
                c.Vm.Provision.Shell("last", inline: "echo last");
            });
            var second = Layer(c =>
            {
                c.Vm.Provision.Shell("setup", inline: "echo two", run: Run.Always);
                c.Vm.Provision.Shell(inline: "echo unnamed");
            });

            // When
            var config = Merged(first, second);

            // Then
            var provisioners = config.Vm.Provision.Provisioners;
            Assert.That(provisioners.Select(p => p.Name), Is.EqualTo(new[] { "setup", null, "last", null }));
            Assert.That(((ShellProvisionerConfig)provisioners[0].Config).Inline, Is.EqualTo("echo two"));
            Assert.That(provisioners[0].Run, Is.EqualTo(Run.Always));
        }

        [Test]
        public void Should_Keep_Machine_Definitions_In_Order_Without_Duplicating_A_Name()
        {
            // Given
            var first = Layer(c => { c.Vm.Define("web"); c.Vm.Define("db"); });
            var second = Layer(c => { c.Vm.Define("db"); c.Vm.Define("cache"); });

            // When
            var config = Merged(first, second);

            // Then
            Assert.That(config.Vm.Definitions.Select(d => d.Name), Is.EqualTo(new[] { "web", "db", "cache" }));
        }

        [Test]
        public void Should_Refuse_To_Merge_Sections_Of_Different_Types()
        {
            // Given
            var vm = new VmConfig();

            // When
            var error = Assert.Throws<ArgumentException>(() => vm.Merge(new SshConfig()));

            // Then
            Assert.That(error!.Message, Does.Contain("cannot merge SshConfig into VmConfig"));
        }
    }

    public class TheFinalizeDefaultsMethod
    {
        [Test]
        public void Should_Fill_Vagrants_Defaults_For_What_No_Layer_Set()
        {
            // Given
            var config = new RootConfig();

            // When
            config.FinalizeDefaults();

            // Then
            Assert.That(config.Vm.BootTimeout, Is.EqualTo(300));
            Assert.That(config.Vm.GracefulHaltTimeout, Is.EqualTo(60));
            Assert.That(config.Vm.Communicator, Is.EqualTo("ssh"));
            Assert.That(config.Vm.BoxCheckUpdate, Is.True);
            Assert.That(config.Ssh.Username, Is.EqualTo("vagrant"));
            Assert.That(config.Ssh.InsertKey, Is.True);
        }

        [Test]
        public void Should_Keep_Values_A_Layer_Set()
        {
            // Given
            var config = Layer(c => { c.Vm.BootTimeout = 900; c.Vm.GracefulHaltTimeout = 5; c.Ssh.Username = "admin"; });

            // When
            config.FinalizeDefaults();

            // Then
            Assert.That(config.Vm.BootTimeout, Is.EqualTo(900));
            Assert.That(config.Vm.GracefulHaltTimeout, Is.EqualTo(5));
            Assert.That(config.Ssh.Username, Is.EqualTo("admin"));
        }

        [Test]
        public void Should_Share_The_Project_Root_As_Slash_Vagrant_When_No_Folder_Targets_It()
        {
            // Given
            var config = Layer(c => c.Vm.SyncedFolder("./data", "/data"));

            // When
            config.FinalizeDefaults();

            // Then
            var root = config.Vm.SyncedFolders.Single(f => f.GuestPath == "/vagrant");
            Assert.That(root.HostPath, Is.EqualTo("."));
            Assert.That(root.Disabled, Is.False);
            Assert.That(config.Vm.SyncedFolders, Has.Count.EqualTo(2));
        }

        [Test]
        public void Should_Not_Add_The_Implicit_Folder_When_The_User_Disabled_Slash_Vagrant()
        {
            // Given
            var config = Merged(
                Layer(c => c.Vm.Box = "vnet/debian12"),
                Layer(c => c.Vm.SyncedFolder(".", "/vagrant", disabled: true)));

            // When
            config.FinalizeDefaults();

            // Then
            var root = config.Vm.SyncedFolders.Single(f => f.GuestPath == "/vagrant");
            Assert.That(root.Disabled, Is.True);
        }

        [Test]
        public void Should_Not_Add_The_Implicit_Folder_Twice_When_Finalized_Twice()
        {
            // Given
            var config = new RootConfig();

            // When
            config.FinalizeDefaults();
            config.FinalizeDefaults();

            // Then
            Assert.That(config.Vm.SyncedFolders.Count(f => f.GuestPath == "/vagrant"), Is.EqualTo(1));
        }
    }

    public class TheValidateMethod
    {
        [Test]
        public void Should_Report_No_Error_For_A_Complete_Config()
        {
            // Given
            var config = Layer(c =>
            {
                c.Vm.Box = "vnet/debian12";
                c.Vm.BoxVersion = "~> 1.2";
                c.Vm.Hostname = "web.example";
                c.Vm.Network.PrivateNetwork(ip: "10.0.0.2", netmask: "24");
                c.Vm.Network.ForwardedPort(guest: 80, host: 8080);
                c.Vm.Provision.Shell("hello", inline: "echo hello");
            });
            config.FinalizeDefaults();

            // When
            var errors = Validate(config);

            // Then
            Assert.That(errors, Is.Empty);
        }

        [Test]
        public void Should_Report_Every_Error_At_Once_Each_Naming_Its_Setting()
        {
            // Given
            var config = Layer(c =>
            {
                c.Vm.BoxVersion = "1.0 or so";
                c.Vm.Hostname = "bad_name";
                c.Vm.BootTimeout = 0;
                c.Vm.BoxDownloadChecksum = "abc";
                c.Vm.Network.PrivateNetwork(ip: "10.0.0.256");
                c.Vm.Network.ForwardedPort(guest: 80, host: 70000);
                c.Vm.Provision.Shell("empty");
                c.Ssh.Port = 0;
            });
            config.FinalizeDefaults();

            // When
            var errors = Validate(config);

            // Then
            Assert.That(errors.Select(e => e.Setting), Is.EquivalentTo(new[]
            {
                "vm.box",
                "vm.box_version",
                "vm.hostname",
                "vm.boot_timeout",
                "vm.box_download_checksum_type",
                "vm.network \"private_network\"",
                "vm.network \"forwarded_port\"",
                "vm.provision \"empty\"",
                "ssh.port",
            }));
        }

        [Test]
        public void Should_Name_The_Offending_Value_In_The_Message()
        {
            // Given
            var config = Layer(c => { c.Vm.Box = "b"; c.Vm.BoxVersion = ">= banana"; });

            // When
            var error = Validate(config).Single();

            // Then
            Assert.That(error.ToString(), Does.StartWith("vm.box_version: '>= banana' is not a valid version constraint"));
        }

        [Test]
        public void Should_Report_A_Provisioner_Ordered_After_One_That_Does_Not_Exist()
        {
            // Given
            var config = Layer(c =>
            {
                c.Vm.Box = "b";
                c.Vm.Provision.Shell("second", inline: "true", after: "frist");
            });

            // When
            var error = Validate(config).Single();

            // Then
            Assert.That(error.ToString(), Is.EqualTo("vm.provision \"second\": after: no provisioner is named 'frist'"));
        }

        [Test]
        public void Should_Resolve_Relative_Paths_Against_The_Project_Directory_Not_The_Current_One()
        {
            // Given
            var project = Directory.CreateTempSubdirectory("vnet-validate-").FullName;
            File.WriteAllText(Path.Combine(project, "setup.sh"), "#!/bin/sh\n");
            File.WriteAllText(Path.Combine(project, "key"), "not really a key");
            var config = Layer(c =>
            {
                c.Vm.Box = "b";
                c.Vm.Provision.Shell(path: "setup.sh");
                c.Vm.Provision.File("setup.sh", "/tmp/setup.sh");
                c.Ssh.PrivateKeyPath = ["key"];
            });
            config.FinalizeDefaults();
            var inProject = new ValidationErrors("default", project);
            var empty = Directory.CreateTempSubdirectory("vnet-validate-").FullName;
            var elsewhere = new ValidationErrors("default", empty);

            // When
            config.Validate(inProject);
            config.Validate(elsewhere);

            // Then
            Directory.Delete(project, recursive: true);
            Directory.Delete(empty);
            Assert.That(inProject.All, Is.Empty);
            Assert.That(elsewhere.All.Select(e => e.Setting), Is.EqualTo(new[] { "vm.provision \"shell\"", "vm.provision \"file\"", "ssh.private_key_path" }));
        }

        [Test]
        public void Should_Skip_A_Disabled_Synced_Folder()
        {
            // Given
            var config = Layer(c =>
            {
                c.Vm.Box = "b";
                c.Vm.SyncedFolder(".", "relative/enabled");
                c.Vm.SyncedFolder(".", "relative/disabled", disabled: true);
            });

            // When
            var errors = Validate(config);

            // Then
            Assert.That(errors.Select(e => e.Message), Is.EqualTo(new[] { "guest path 'relative/enabled' must be absolute" }));
        }
    }

    public class TheValidationException
    {
        [Test]
        public void Should_Group_Errors_By_Machine_Then_By_Section()
        {
            // Given
            var web = new ValidationErrors("web");
            web.Add("vm", "vm.box", "a box must be specified");
            web.Add("SSH", "ssh.port", "must be between 1 and 65535, got 0");
            web.Add("vm", "vm.hostname", "'x_y' is not a valid hostname");
            var db = new ValidationErrors("db");
            db.Add("vm", "vm.boot_timeout", "must be a positive number of seconds");

            // When
            var error = new ValidationException([.. web.All, .. db.All]);

            // Then
            Assert.That(error.Message.Split(System.Environment.NewLine), Is.EqualTo(new[]
            {
                "There are errors in the configuration of this machine. Please fix the following errors and try again:",
                string.Empty,
                "web:",
                "  vm:",
                "  * vm.box: a box must be specified",
                "  * vm.hostname: 'x_y' is not a valid hostname",
                "  SSH:",
                "  * ssh.port: must be between 1 and 65535, got 0",
                string.Empty,
                "db:",
                "  vm:",
                "  * vm.boot_timeout: must be a positive number of seconds",
            }));
        }
    }
}
