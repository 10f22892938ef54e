using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Cli;

/// <summary><c>vnet plugin ...</c> in-process against a local folder feed of real .nupkg files: nothing touches the network.</summary>
[TestFixture]
[NonParallelizable]
public class PluginCommandTests
{
    private ProjectFixture _project = null!;

    private string Feed => Path.Combine(_project.Root, "feed");

    private string Installed(string version) => Path.Combine(_project.Paths.Plugins, "SamplePlugin", version, "SamplePlugin.dll");

    [SetUp]
    public void CreateProject() => _project = new ProjectFixture();

    [TearDown]
    public void DeleteProject() => _project.Dispose();

    private Task<VnetRun> VnetAsync(params string[] args) =>
        InProcessVnet.RunAsync(
            _project.ProjectDirectory,
            new Dictionary<string, string?> { ["VNET_HOME"] = _project.Home, ["VNET_LOG"] = null, ["VNET_VAGRANTFILE"] = null, ["VNET_DEFAULT_PROVIDER"] = null },
            args);

    private Task<VnetRun> InstallAsync(params string[] extra) => VnetAsync(["plugin", "install", "SamplePlugin", "--plugin-source", Feed, .. extra]);

    public class Install : PluginCommandTests
    {
        [Test]
        public async Task Installs_The_Newest_Stable_Version_From_The_Feed()
        {
            // Given
            PluginPackages.SamplePlugin(Feed, "1.0.0");
            PluginPackages.SamplePlugin(Feed, "1.1.0");
            PluginPackages.SamplePlugin(Feed, "2.0.0-beta.1");

            // When
            var run = await InstallAsync();

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Contain("Installing the 'SamplePlugin' plugin..."));
            Assert.That(run.Stdout, Does.Contain("Installed the plugin 'SamplePlugin (1.1.0)'!"));
            Assert.That(File.Exists(Installed("1.1.0")), Is.True);
        }

        [Test]
        public async Task Installs_The_Version_Given_With_Plugin_Version()
        {
            // Given
            PluginPackages.SamplePlugin(Feed, "1.0.0");
            PluginPackages.SamplePlugin(Feed, "1.1.0");

            // When
            var run = await InstallAsync("--plugin-version", "1.0.0");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(File.Exists(Installed("1.0.0")), Is.True);
            Assert.That(Directory.Exists(Path.GetDirectoryName(Installed("1.1.0"))), Is.False);
        }

        [Test]
        public async Task Says_So_And_Changes_Nothing_When_The_Same_Version_Is_Installed()
        {
            // Given
            PluginPackages.SamplePlugin(Feed, "1.0.0");
            await InstallAsync();
            var manifest = File.ReadAllText(Path.Combine(_project.Paths.Plugins, "installed.json"));

            // When
            var run = await InstallAsync();

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Contain("The plugin 'SamplePlugin (1.0.0)' is already installed."));
            Assert.That(File.ReadAllText(Path.Combine(_project.Paths.Plugins, "installed.json")), Is.EqualTo(manifest));
        }

        [Test]
        public async Task Refuses_An_Unknown_Package_Naming_It_And_The_Feed()
        {
            // Given
            PluginPackages.SamplePlugin(Feed, "1.0.0");

            // When
            var run = await VnetAsync("plugin", "install", "NoSuchPlugin", "--plugin-source", Feed);

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr, Does.Contain($"No plugin package named 'NoSuchPlugin' was found on the plugin feed {Path.GetFullPath(Feed)}."));
        }

        [Test]
        public async Task Refuses_A_Feed_Folder_That_Does_Not_Exist_Naming_The_Path()
        {
            // When
            var run = await InstallAsync();

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr, Does.Contain($"The plugin feed {Path.GetFullPath(Feed)} does not exist: there is no such directory."));
            Assert.That(Directory.Exists(_project.Paths.Plugins), Is.False);
        }
    }

    public class List : PluginCommandTests
    {
        [Test]
        public async Task Lists_Each_Plugin_As_Vagrant_Does()
        {
            // Given
            PluginPackages.SamplePlugin(Feed, "1.0.0");
            await InstallAsync();

            // When
            var run = await VnetAsync("plugin", "list");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Contain("SamplePlugin (1.0.0, global)"));
        }

        [Test]
        public async Task Says_When_No_Plugin_Is_Installed()
        {
            // When
            var run = await VnetAsync("plugin", "list");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Contain("No plugins installed."));
        }
    }

    public class Update : PluginCommandTests
    {
        [Test]
        public async Task Installs_The_Newest_Version_From_The_Same_Feed_And_Removes_The_Old()
        {
            // Given
            PluginPackages.SamplePlugin(Feed, "1.0.0");
            await InstallAsync();
            PluginPackages.SamplePlugin(Feed, "1.2.0");

            // When
            var run = await VnetAsync("plugin", "update");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Contain("Updated 'SamplePlugin' from version '1.0.0' to '1.2.0'!"));
            Assert.That(File.Exists(Installed("1.2.0")), Is.True);
            Assert.That(Directory.GetDirectories(Path.Combine(_project.Paths.Plugins, "SamplePlugin")), Has.Length.EqualTo(1));
        }

        [Test]
        public async Task Says_A_Plugin_Is_Up_To_Date_When_The_Feed_Has_Nothing_Newer()
        {
            // Given
            PluginPackages.SamplePlugin(Feed, "1.0.0");
            await InstallAsync();

            // When
            var run = await VnetAsync("plugin", "update", "SamplePlugin");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Contain("'SamplePlugin' is up to date (1.0.0)."));
        }
    }

    public class Uninstall : PluginCommandTests
    {
        [Test]
        public async Task Removes_The_Plugin_And_Its_Manifest_Entry()
        {
            // Given
            PluginPackages.SamplePlugin(Feed, "1.0.0");
            await InstallAsync();

            // When
            var run = await VnetAsync("plugin", "uninstall", "SamplePlugin");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Contain("Successfully uninstalled SamplePlugin (1.0.0)."));
            Assert.That(Directory.Exists(Path.Combine(_project.Paths.Plugins, "SamplePlugin")), Is.False);
            Assert.That((await VnetAsync("plugin", "list")).Stdout, Does.Contain("No plugins installed."));
        }

        [Test]
        public async Task Refuses_A_Plugin_That_Is_Not_Installed()
        {
            // When
            var run = await VnetAsync("plugin", "uninstall", "SamplePlugin");

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr, Does.Contain("The plugin 'SamplePlugin' is not installed. `vnet plugin list` shows the installed plugins."));
        }
    }

    public class Expunge : PluginCommandTests
    {
        [Test]
        public async Task Removes_Every_User_Plugin_With_Force()
        {
            // Given
            PluginPackages.SamplePlugin(Feed, "1.0.0");
            await InstallAsync();

            // When
            var run = await VnetAsync("plugin", "expunge", "--force");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Contain("Removed all user-installed plugins: SamplePlugin."));
            Assert.That(Directory.GetFileSystemEntries(_project.Paths.Plugins), Is.Empty);
        }

        [Test]
        public async Task Refuses_Without_Force_When_Stdin_Is_Not_A_Terminal()
        {
            // Given: the test runner's stdin is redirected, as a script's would be
            PluginPackages.SamplePlugin(Feed, "1.0.0");
            await InstallAsync();
            Assume.That(Console.IsInputRedirected, Is.True);

            // When
            var run = await VnetAsync("plugin", "expunge");

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr, Does.Contain("stdin is not a terminal; pass --force to remove them without asking."));
            Assert.That(File.Exists(Installed("1.0.0")), Is.True);
        }
    }

    public class RequiredPlugins : PluginCommandTests
    {
        private const string NeedsPlugins =
            """
            Vagrant.Configure(config =>
            {
                config.Vnet.Plugins.Add("SamplePlugin");
                config.Vnet.Plugins.Add("vnet-other");
                config.Vm.Box = "test/box";
            });
            """;

        [Test]
        public async Task Up_Stops_Before_Any_Machine_Naming_Each_Missing_Plugin_And_Its_Install_Command()
        {
            // Given
            _project.WithVagrantfileText(NeedsPlugins);

            // When
            var run = await VnetAsync("up");

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr, Does.Contain(
                $"This project needs plugins that are not installed: SamplePlugin, vnet-other. Install them with:{System.Environment.NewLine}" +
                $"  vnet plugin install SamplePlugin{System.Environment.NewLine}  vnet plugin install vnet-other"));
            Assert.That(Directory.Exists(Path.Combine(_project.ProjectDirectory, ".vnet")), Is.False);
        }

        [Test]
        public async Task Names_Only_The_Plugins_Still_Missing_Once_One_Is_Installed()
        {
            // Given
            _project.WithVagrantfileText(NeedsPlugins);
            PluginPackages.SamplePlugin(Feed, "1.0.0");
            await InstallAsync();

            // When
            var run = await VnetAsync("up");

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr, Does.Contain($"This project needs a plugin that is not installed: vnet-other. Install it with:{System.Environment.NewLine}  vnet plugin install vnet-other"));
        }
    }
}
