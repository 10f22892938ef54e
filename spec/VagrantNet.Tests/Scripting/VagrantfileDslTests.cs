using System.Runtime.Loader;
using VagrantNet.Core;
using VagrantNet.Core.Configuration;
using VagrantNet.Core.Environment;
using VagrantNet.Core.IO;
using VagrantNet.Sdk.Config;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Scripting;

/// <summary>The DSL as users write it: real Vagrantfile.csx files under Fixtures/Vagrantfiles, compiled by Roslyn.</summary>
[TestFixture]
public class VagrantfileDslTests
{
    private static async Task<MachineConfiguration> ConfigureAsync(ProjectFixture project, string machine, string? provider)
    {
        await using var environment = await project.LoadEnvironmentAsync();
        return await environment.ConfigurationAsync(machine, provider, CancellationToken.None);
    }

    public class TwoMachines
    {
        [Test]
        public async Task Should_Keep_Definition_Order_The_Primary_And_Autostart()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("TwoMachines.csx");

            // When
            await using var environment = await project.LoadEnvironmentAsync();

            // Then
            var machines = environment.RequireProject().Config.Machines;
            Assert.That(machines.Select(m => (m.Name, m.Primary, m.Autostart)), Is.EqualTo(new[] { ("web", true, true), ("db", false, false) }));
            Assert.That(environment.RequireProject().Config.Primary?.Name, Is.EqualTo("web"));
            Assert.That(environment.SelectMachines([], onlyAutostart: true), Is.EqualTo(new[] { "web" }));
        }

        [Test]
        public async Task Should_Give_Each_Machine_The_Shared_Settings_And_Its_Own_Networks()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("TwoMachines.csx").WithFile("setup.sh", "#!/bin/sh\n");

            // When
            var web = await ConfigureAsync(project, "web", null);
            var db = await ConfigureAsync(project, "db", null);

            // Then
            Assert.That(web.Config.Vm.Box, Is.EqualTo("vnet/debian12"));
            Assert.That(db.Config.Vm.BoxVersion, Is.EqualTo(">= 1.0, < 2"));
            Assert.That(web.Config.Vm.Hostname, Is.EqualTo("web"));
            Assert.That(web.Config.Vm.BootTimeout, Is.EqualTo(300));
            Assert.That(db.Config.Vm.BootTimeout, Is.EqualTo(600));
            Assert.That(web.Config.Vm.Network.Networks.Select(n => (n.Kind, n.Ip, n.Type, n.Netmask)), Is.EqualTo(new[]
            {
                (NetworkKind.Private, (string?)"10.20.30.10", "static", (string?)"255.255.255.0"),
                (NetworkKind.ForwardedPort, null, "static", null),
            }));
            Assert.That(web.Config.Vm.Network.Networks[1].HostPort, Is.EqualTo(8080));
            Assert.That(db.Config.Vm.Network.Networks.Select(n => (n.Kind, n.Type)), Is.EqualTo(new[] { (NetworkKind.Private, "dhcp") }));
        }

        [Test]
        public async Task Should_Let_A_Machine_Replace_A_Named_Provisioner_And_Add_Its_Own()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("TwoMachines.csx").WithFile("setup.sh", "#!/bin/sh\n");

            // When
            var web = await ConfigureAsync(project, "web", null);
            var db = await ConfigureAsync(project, "db", null);

            // Then
            var webShell = web.Config.Vm.Provision.Provisioners.Single();
            Assert.That(((ShellProvisionerConfig)webShell.Config).Inline, Is.EqualTo("echo hello"));
            Assert.That(webShell.Run, Is.EqualTo(Run.Always));
            var dbShells = db.Config.Vm.Provision.Provisioners.Select(p => (ShellProvisionerConfig)p.Config).ToList();
            Assert.That(dbShells.Select(s => s.Inline ?? s.Path), Is.EqualTo(new[] { "echo hello from db", "setup.sh" }));
            Assert.That(dbShells[1].RawArgs, Is.EqualTo("--fast"));
        }

        [Test]
        public async Task Should_Share_The_Project_As_Slash_Vagrant_Unless_The_Machine_Disables_It()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("TwoMachines.csx").WithFile("setup.sh", "#!/bin/sh\n");

            // When
            var web = await ConfigureAsync(project, "web", null);
            var db = await ConfigureAsync(project, "db", null);

            // Then
            Assert.That(web.Config.Vm.SyncedFolders.Select(f => (f.HostPath, f.GuestPath, f.Disabled)), Is.EqualTo(new[] { ("./src", "/srv/src", false), (".", "/vagrant", false) }));
            Assert.That(db.Config.Vm.SyncedFolders.Select(f => (f.HostPath, f.GuestPath, f.Disabled)), Is.EqualTo(new[] { ("./src", "/srv/src", false), (".", "/vagrant", true) }));
            Assert.That(web.Config.Vm.SyncedFolders[0].Exclude, Is.EqualTo(new[] { ".git/" }));
        }

        [Test]
        public async Task Should_Validate_Both_Machines_Without_Errors()
        {
            // Given: the folders and scripts the Vagrantfile names exist, as they do in a real project
            using var project = new ProjectFixture().WithVagrantfile("TwoMachines.csx").WithFile("setup.sh", "#!/bin/sh\n").WithFile("src/app.txt", "app\n");

            // When
            var web = await ConfigureAsync(project, "web", null);
            var db = await ConfigureAsync(project, "db", null);

            // Then
            Assert.That(web.Errors.All, Is.Empty);
            Assert.That(db.Errors.All, Is.Empty);
        }
    }

    public class Providers
    {
        [Test]
        public async Task Should_Type_Check_And_Apply_A_Typed_Provider_Block_From_A_Plugin()
        {
            // Given
            using var project = new ProjectFixture().WithSamplePlugin().WithVagrantfile("TypedProvider.csx");

            // When
            var quiet = await ConfigureAsync(project, "quiet", "sample");
            var loud = await ConfigureAsync(project, "loud", "sample");

            // Then
            Assert.That(quiet.ProviderConfig.GetType().FullName, Is.EqualTo("SamplePlugin.SampleConfig"));
            Assert.That(AssemblyLoadContext.GetLoadContext(quiet.ProviderConfig.GetType().Assembly), Is.Not.SameAs(AssemblyLoadContext.Default));
            Assert.That(Setting(quiet, "Greeting"), Is.EqualTo("hi"));
            Assert.That(Setting(quiet, "Volume"), Is.Null);
            Assert.That(Setting(loud, "Greeting"), Is.EqualTo("hi"));
            Assert.That(Setting(loud, "Volume"), Is.EqualTo(11));
            Assert.That(loud.Errors.All, Is.Empty);
        }

        [Test]
        public async Task Should_Merge_The_Provider_Override_Config_Over_The_Machine()
        {
            // Given
            using var project = new ProjectFixture().WithSamplePlugin().WithVagrantfile("TypedProvider.csx");

            // When
            var withProvider = await ConfigureAsync(project, "quiet", "sample");
            var withoutProvider = await ConfigureAsync(project, "quiet", null);

            // Then
            Assert.That(withProvider.Config.Vm.Hostname, Is.EqualTo("from-override"));
            Assert.That(withoutProvider.Config.Vm.Hostname, Is.Null);
        }

        [Test]
        public async Task Should_Apply_Untyped_Settings_By_Snake_Case_Name()
        {
            // Given
            using var project = new ProjectFixture().WithSamplePlugin().WithVagrantfile("UntypedProvider.csx");

            // When
            var configuration = await ConfigureAsync(project, "default", "sample");

            // Then
            Assert.That(Setting(configuration, "Greeting"), Is.EqualTo("hey"));
            Assert.That(Setting(configuration, "Volume"), Is.EqualTo(3));
        }

        [Test]
        public void Should_Name_The_Provider_And_The_Setting_When_An_Untyped_Setting_Is_Unknown()
        {
            // Given
            using var project = new ProjectFixture().WithSamplePlugin().WithVagrantfile("UnknownProviderSetting.csx");

            // When
            var error = Assert.ThrowsAsync<VnetException>(() => ConfigureAsync(project, "default", "sample"));

            // Then
            Assert.That(error!.Message, Is.EqualTo(DisplayPath.Of(project.VagrantfilePath) + "(4,39): error: machine 'default': The sample provider has no setting 'colour'. Known settings: greeting, volume."));
        }

        private static object? Setting(MachineConfiguration configuration, string property) =>
            configuration.ProviderConfig.GetType().GetProperty(property)!.GetValue(configuration.ProviderConfig);
    }

    public class Layers
    {
        [Test]
        public async Task Should_Compile_A_Loaded_Helper_File_With_The_Vagrantfile()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("WithLoad.csx").WithVagrantfile("helpers.csx", "helpers.csx");

            // When
            await using var environment = await project.LoadEnvironmentAsync();
            var db = await environment.ConfigurationAsync("db", null, CancellationToken.None);

            // Then
            Assert.That(environment.RequireProject().Config.Machines.Select(m => m.Name), Is.EqualTo(new[] { "web", "db" }));
            Assert.That(db.Config.Vm.Box, Is.EqualTo("vnet/from-helper"));
            Assert.That(db.Config.Vm.Hostname, Is.EqualTo("db"));
            Assert.That(db.Config.Vm.Network.Networks.Single().Ip, Is.EqualTo("10.20.30.11"));
        }

        [Test]
        public async Task Should_Merge_The_User_Wide_Vagrantfile_Under_The_Projects()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("Minimal.csx");
            File.WriteAllText(project.Paths.UserVagrantfile, "Vagrant.Configure(config => { config.Vm.Box = \"user/box\"; config.Ssh.Username = \"me\"; });");

            // When
            var configuration = await ConfigureAsync(project, "default", null);

            // Then
            Assert.That(configuration.Config.Vm.Box, Is.EqualTo("vnet/debian12"));
            Assert.That(configuration.Config.Ssh.Username, Is.EqualTo("me"));
        }

        [Test]
        public async Task Should_Find_The_Vagrantfile_In_A_Parent_Directory()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("Minimal.csx");
            var options = project.Options() with { WorkingDirectory = Directory.CreateDirectory(Path.Combine(project.ProjectDirectory, "a", "b")).FullName };

            // When
            await using var environment = await VnetEnvironment.LoadAsync(options, CancellationToken.None);

            // Then
            Assert.That(environment.RequireProject().VagrantfilePath, Is.EqualTo(project.VagrantfilePath));
        }
    }
}
