using VagrantNet.Core;
using VagrantNet.Core.Plugins;
using VagrantNet.Core.Plugins.Installing;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Plugins;

/// <summary>Installing plugin packages from a local folder feed: checked as the host loads them, in place only when accepted.</summary>
[TestFixture]
public class PluginInstallerTests
{
    private ProjectFixture _fixture = null!;

    private string Feed => Path.Combine(_fixture.Root, "feed");

    private string Bundled => Path.Combine(_fixture.Root, "bundled");

    [SetUp]
    public void Create() => _fixture = new ProjectFixture();

    [TearDown]
    public void Delete() => _fixture.Dispose();

    private PluginInstaller Installer(Version? hostSdkVersion = null) => new(_fixture.Paths, Bundled, hostSdkVersion ?? PluginManager.SdkVersion);

    /// <summary>Nothing of a refused install may remain: no plugin directory, no manifest entry, no staging directory.</summary>
    private void AssertNothingInstalled()
    {
        Assert.That(Directory.Exists(Path.Combine(_fixture.Paths.Plugins, "SamplePlugin")), Is.False);
        Assert.That(Installer().Manifest.Read(), Is.Empty);
        Assert.That(Directory.Exists(_fixture.Paths.Temp) ? Directory.GetFileSystemEntries(_fixture.Paths.Temp) : [], Is.Empty);
    }

    public class TheInstallAsyncMethod : PluginInstallerTests
    {
        [Test]
        public async Task Places_The_Plugin_Under_Its_Id_And_Version_Where_The_Host_Finds_It()
        {
            // Given
            PluginPackages.SamplePlugin(Feed, "1.0.0");

            // When
            var result = await Installer().InstallAsync("SamplePlugin", null, Feed, CancellationToken.None);

            // Then
            Assert.That(result.Plugin, Is.EqualTo(new InstalledPlugin("SamplePlugin", "1.0.0", Path.GetFullPath(Feed), result.Plugin.Dependencies)));
            var expected = Path.Combine(_fixture.Paths.Plugins, "SamplePlugin", "1.0.0", "SamplePlugin.dll");
            Assert.That(PluginManager.Discover([_fixture.Paths.Plugins]), Is.EqualTo(new[] { expected }));
            Assert.That(Directory.GetFileSystemEntries(_fixture.Paths.Temp), Is.Empty);
        }

        [Test]
        public void Refuses_A_Package_That_Ships_Its_Own_Sdk_And_Leaves_Nothing()
        {
            // Given
            PluginPackages.SamplePlugin(Feed, "1.0.0", extraFiles: ("VagrantNet.Sdk.dll", File.ReadAllBytes(typeof(IVagrantPlugin).Assembly.Location)));

            // When
            var error = Assert.ThrowsAsync<VnetException>(() => Installer().InstallAsync("SamplePlugin", null, Feed, CancellationToken.None));

            // Then
            Assert.That(error!.Message, Does.StartWith("Plugin package SamplePlugin.1.0.0 was not installed: Plugin SamplePlugin.dll ships its own copy of VagrantNet.Sdk 1.0.0.0 but vnet provides VagrantNet.Sdk 1.0.0.0;"));
            AssertNothingInstalled();
        }

        [Test]
        public void Refuses_A_Package_Built_Against_Another_Sdk_Major_Naming_Both_Versions()
        {
            // Given: a host two majors on, as PluginManagerTests make one
            PluginPackages.SamplePlugin(Feed, "1.0.0");

            // When
            var error = Assert.ThrowsAsync<VnetException>(() => Installer(new Version(2, 0, 0, 0)).InstallAsync("SamplePlugin", null, Feed, CancellationToken.None));

            // Then
            Assert.That(error!.Message, Is.EqualTo(
                "Plugin package SamplePlugin.1.0.0 was not installed: Plugin SamplePlugin.dll was built against VagrantNet.Sdk 1.0.0.0 but vnet provides VagrantNet.Sdk 2.0.0.0; rebuild the plugin against VagrantNet.Sdk 2.x."));
            AssertNothingInstalled();
        }

        [Test]
        public void Refuses_To_Install_Beside_A_Hand_Placed_Copy_The_Host_Would_Load_Instead()
        {
            // Given
            TestPaths.InstallSamplePlugin(_fixture.Paths.Plugins);
            PluginPackages.SamplePlugin(Feed, "1.0.0");

            // When
            var error = Assert.ThrowsAsync<VnetException>(() => Installer().InstallAsync("SamplePlugin", null, Feed, CancellationToken.None));

            // Then
            var handPlaced = Path.Combine(_fixture.Paths.Plugins, "SamplePlugin");
            Assert.That(error!.Message, Is.EqualTo($"{Path.Combine(handPlaced, "SamplePlugin.dll")} was placed there by hand and would be loaded instead of SamplePlugin.1.0.0; remove {handPlaced} and install again."));
            Assert.That(Directory.GetDirectories(handPlaced), Is.Empty);
            Assert.That(Installer().Manifest.Read(), Is.Empty);
        }

        [Test]
        public void Refuses_A_Package_Without_An_Assembly_Named_After_Its_Id()
        {
            // Given
            PluginPackages.Write(Feed, "SamplePlugin", "1.0.0", [("Other.dll", [1, 2, 3])], []);

            // When
            var error = Assert.ThrowsAsync<VnetException>(() => Installer().InstallAsync("SamplePlugin", null, Feed, CancellationToken.None));

            // Then
            Assert.That(error!.Message, Does.StartWith("Plugin package SamplePlugin.1.0.0 has no lib/net10.0/SamplePlugin.dll;"));
            AssertNothingInstalled();
        }

        [Test]
        public async Task Places_The_Lowest_Matching_Version_Of_A_Dependency_Beside_The_Plugin_And_Skips_The_Sdk()
        {
            // Given
            PluginPackages.SamplePlugin(Feed, "1.0.0", [("Helper", "[1.1.0, )"), ("VagrantNet.Sdk", "1.0.0")]);
            PluginPackages.Write(Feed, "Helper", "1.0.0", [("Helper.dll", [1])], []);
            PluginPackages.Write(Feed, "Helper", "1.1.0", [("Helper.dll", [2])], []);
            PluginPackages.Write(Feed, "Helper", "2.0.0", [("Helper.dll", [3])], []);

            // When
            var result = await Installer().InstallAsync("SamplePlugin", null, Feed, CancellationToken.None);

            // Then
            Assert.That(result.Plugin.Dependencies, Is.EqualTo(new[] { "Helper.1.1.0" }));
            var directory = Path.Combine(_fixture.Paths.Plugins, "SamplePlugin", "1.0.0");
            Assert.That(File.ReadAllBytes(Path.Combine(directory, "Helper.dll")), Is.EqualTo(new byte[] { 2 }));
            Assert.That(File.Exists(Path.Combine(directory, "VagrantNet.Sdk.dll")), Is.False);
        }

        [Test]
        public void Refuses_A_Dependency_The_Feed_Does_Not_Have_Naming_It_And_The_Feed()
        {
            // Given
            PluginPackages.SamplePlugin(Feed, "1.0.0", [("Helper", "[1.0.0, )")]);

            // When
            var error = Assert.ThrowsAsync<VnetException>(() => Installer().InstallAsync("SamplePlugin", null, Feed, CancellationToken.None));

            // Then
            Assert.That(error!.Message, Is.EqualTo(
                $"SamplePlugin.1.0.0 depends on Helper (>= 1.0.0), which the plugin feed {Path.GetFullPath(Feed)} does not have; publish it to that feed or install from one that has it (--plugin-source)."));
            AssertNothingInstalled();
        }
    }

    public class TheUninstallMethod : PluginInstallerTests
    {
        [Test]
        public void Refuses_A_Bundled_Plugin()
        {
            // Given
            TestPaths.InstallSamplePlugin(Bundled);

            // When
            var error = Assert.ThrowsAsync<VnetException>(() => Installer().UninstallAsync("sampleplugin", CancellationToken.None));

            // Then
            Assert.That(error!.Message, Is.EqualTo(
                $"The plugin 'SamplePlugin' is bundled with vnet ({Path.Combine(Bundled, "SamplePlugin")}) and cannot be uninstalled with `vnet plugin`; a new vnet release updates it."));
        }
    }
}
