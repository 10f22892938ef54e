using System.Runtime.Loader;
using VagrantNet.Core.Plugins;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Plugins;

/// <summary>The plugin host: plugins/&lt;Name&gt;/&lt;Name&gt;.dll, each in its own load context, refused with a clear message when unfit.</summary>
[TestFixture]
public class PluginManagerTests
{
    private static string HostAssembly(Type type) => type.Assembly.Location;

    /// <summary>Puts <paramref name="source"/> (or text) at plugins/<paramref name="name"/>/<paramref name="name"/>.dll.</summary>
    private static string PlacePlugin(ProjectFixture fixture, string name, string? source = null, string? text = null)
    {
        var directory = Directory.CreateDirectory(Path.Combine(fixture.Paths.Plugins, name)).FullName;
        var path = Path.Combine(directory, name + ".dll");
        if (source is not null)
        {
            File.Copy(source, path);
        }
        else
        {
            File.WriteAllText(path, text ?? string.Empty);
        }

        fixture.PluginDirectories.Add(fixture.Paths.Plugins);
        return path;
    }

    public class TheLoadAllMethod
    {
        [Test]
        public void Should_Register_The_Sample_Provider_From_Disk()
        {
            // Given
            using var fixture = new ProjectFixture().WithSamplePlugin();

            // When
            var (manager, registry) = fixture.LoadPlugins();

            // Then
            var plugin = manager.Loaded.Single();
            Assert.That(plugin.Name, Is.EqualTo("SamplePlugin"));
            Assert.That(plugin.Path, Is.EqualTo(Path.Combine(fixture.Paths.Plugins, "SamplePlugin", "SamplePlugin.dll")));
            Assert.That(registry.Providers.Keys, Is.EqualTo(new[] { "sample" }));
            Assert.That(registry.Providers["sample"].Plugin, Is.EqualTo("SamplePlugin"));
            Assert.That(registry.Providers["sample"].Options.Priority, Is.EqualTo(1));
        }

        [Test]
        public void Should_Load_The_Plugin_In_Its_Own_Context_And_Share_The_Hosts_Sdk()
        {
            // Given
            using var fixture = new ProjectFixture().WithSamplePlugin();

            // When
            var (manager, registry) = fixture.LoadPlugins();

            // Then
            var context = AssemblyLoadContext.GetLoadContext(manager.Loaded.Single().Assembly);
            Assert.That(context, Is.Not.SameAs(AssemblyLoadContext.Default));
            Assert.That(context!.Name, Is.EqualTo("SamplePlugin"));
            var configType = registry.Providers["sample"].ConfigType;
            Assert.That(configType.BaseType, Is.SameAs(typeof(ProviderConfig)));
            Assert.That(registry.Providers["sample"].CreateConfig(), Is.InstanceOf<ProviderConfig>());
        }

        [Test]
        public void Should_Refuse_A_Second_Registration_Of_The_Same_Provider_Naming_Both_Plugins()
        {
            // Given
            using var fixture = new ProjectFixture().WithSamplePlugin();
            var (manager, registry) = fixture.LoadPlugins();

            // When
            var error = Assert.Throws<PluginLoadException>(() => manager.Load(manager.Loaded.Single().Path, registry));

            // Then
            Assert.That(error!.Message, Is.EqualTo("Plugin SamplePlugin registers provider 'sample', which SamplePlugin already registered."));
        }

        [Test]
        public void Should_Refuse_A_Plugin_That_Ships_Its_Own_Sdk_Naming_The_Plugin_And_Both_Versions()
        {
            // Given
            using var fixture = new ProjectFixture().WithSamplePlugin();
            File.Copy(HostAssembly(typeof(IVagrantPlugin)), Path.Combine(fixture.Paths.Plugins, "SamplePlugin", "VagrantNet.Sdk.dll"));

            // When
            var error = Assert.Throws<PluginLoadException>(() => fixture.LoadPlugins(hostSdkVersion: new Version(1, 2, 0, 0)));

            // Then
            Assert.That(error!.Message, Does.StartWith("Plugin SamplePlugin.dll ships its own copy of VagrantNet.Sdk 1.0.0.0 but vnet provides VagrantNet.Sdk 1.2.0.0;"));
        }

        [Test]
        public void Should_Refuse_A_Plugin_That_Ships_A_Broken_Sdk_Copy()
        {
            // Given
            using var fixture = new ProjectFixture().WithSamplePlugin();
            File.WriteAllText(Path.Combine(fixture.Paths.Plugins, "SamplePlugin", "VagrantNet.Sdk.dll"), "not an assembly");

            // When
            var error = Assert.Throws<PluginLoadException>(() => fixture.LoadPlugins());

            // Then
            Assert.That(error!.Message, Does.StartWith("Plugin SamplePlugin.dll ships its own copy of VagrantNet.Sdk (unreadable) but vnet provides VagrantNet.Sdk 1.0.0.0;"));
        }

        [Test]
        public void Should_Refuse_A_Plugin_Built_Against_Another_Sdk_Major_Naming_Both_Versions()
        {
            // Given
            using var fixture = new ProjectFixture().WithSamplePlugin();

            // When
            var error = Assert.Throws<PluginLoadException>(() => fixture.LoadPlugins(hostSdkVersion: new Version(2, 0, 0, 0)));

            // Then
            Assert.That(error!.Message, Is.EqualTo("Plugin SamplePlugin.dll was built against VagrantNet.Sdk 1.0.0.0 but vnet provides VagrantNet.Sdk 2.0.0.0; rebuild the plugin against VagrantNet.Sdk 2.x."));
        }

        [Test]
        public void Should_Accept_A_Plugin_Built_Against_An_Older_Minor_Of_The_Same_Major()
        {
            // Given
            using var fixture = new ProjectFixture().WithSamplePlugin();

            // When
            var (manager, _) = fixture.LoadPlugins(hostSdkVersion: new Version(1, 4, 0, 0));

            // Then
            Assert.That(manager.Loaded.Select(p => p.Name), Is.EqualTo(new[] { "SamplePlugin" }));
        }

        [Test]
        public void Should_Refuse_A_File_That_Is_Not_An_Assembly()
        {
            // Given
            using var fixture = new ProjectFixture();
            PlacePlugin(fixture, "Notes", text: "These are my notes, not a plugin.");

            // When
            var error = Assert.Throws<PluginLoadException>(() => fixture.LoadPlugins());

            // Then
            Assert.That(error!.Message, Is.EqualTo("Notes.dll is not a .NET assembly, so it cannot be a vnet plugin."));
        }

        [Test]
        public void Should_Refuse_An_Empty_File()
        {
            // Given
            using var fixture = new ProjectFixture();
            PlacePlugin(fixture, "Empty", text: string.Empty);

            // When
            var error = Assert.Throws<PluginLoadException>(() => fixture.LoadPlugins());

            // Then
            Assert.That(error!.Message, Is.EqualTo("Empty.dll is not a .NET assembly, so it cannot be a vnet plugin."));
        }

        [Test]
        public void Should_Refuse_A_Class_Library_That_Does_Not_Reference_The_Sdk()
        {
            // Given
            using var fixture = new ProjectFixture();
            PlacePlugin(fixture, "Polly.Core", source: HostAssembly(typeof(Polly.ResiliencePipeline)));

            // When
            var error = Assert.Throws<PluginLoadException>(() => fixture.LoadPlugins());

            // Then
            Assert.That(error!.Message, Is.EqualTo("Polly.Core.dll is not a vnet plugin: it does not reference VagrantNet.Sdk."));
        }

        [Test]
        public void Should_Refuse_An_Assembly_Without_The_Plugin_Attribute()
        {
            // Given
            using var fixture = new ProjectFixture();
            PlacePlugin(fixture, "VagrantNet.Core", source: HostAssembly(typeof(PluginManager)));

            // When
            var error = Assert.Throws<PluginLoadException>(() => fixture.LoadPlugins());

            // Then
            Assert.That(error!.Message, Is.EqualTo("VagrantNet.Core.dll is not a vnet plugin: it has no [assembly: VagrantPlugin(typeof(...))] attribute."));
        }
    }

    public class TheDiscoverMethod
    {
        [Test]
        public void Should_Find_Only_Name_Slash_Name_Dll_In_Ordinal_Order_Across_Directories()
        {
            // Given
            using var fixture = new ProjectFixture();
            var bundled = Path.Combine(fixture.Root, "bundled");
            foreach (var name in new[] { "b", "A", "c" })
            {
                Directory.CreateDirectory(Path.Combine(bundled, name));
                File.WriteAllText(Path.Combine(bundled, name, name + ".dll"), string.Empty);
            }

            Directory.CreateDirectory(Path.Combine(bundled, "nodll"));
            File.WriteAllText(Path.Combine(bundled, "nodll", "other.dll"), string.Empty);
            File.WriteAllText(Path.Combine(bundled, "loose.dll"), string.Empty);
            Directory.CreateDirectory(Path.Combine(fixture.Paths.Plugins, "user"));
            File.WriteAllText(Path.Combine(fixture.Paths.Plugins, "user", "user.dll"), string.Empty);

            // When
            var found = PluginManager.Discover([bundled, Path.Combine(fixture.Root, "missing"), fixture.Paths.Plugins]);

            // Then
            Assert.That(found.Select(p => Path.GetRelativePath(fixture.Root, p)), Is.EqualTo(new[]
            {
                Path.Combine("bundled", "A", "A.dll"),
                Path.Combine("bundled", "b", "b.dll"),
                Path.Combine("bundled", "c", "c.dll"),
                Path.Combine("home", "plugins", "user", "user.dll"),
            }));
        }
    }

    public class TheSdkVersionProperty
    {
        [Test]
        public void Should_Be_The_Pinned_Assembly_Version_Plugins_Are_Checked_Against_Not_The_Package_Version()
        {
            // Given, When
            var version = PluginManager.SdkVersion;

            // Then
            Assert.That(version, Is.EqualTo(new Version(1, 0, 0, 0)));
        }
    }

    /// <summary>What is remembered between commands so that a start does not list directories or parse plugin metadata.</summary>
    public class WithACacheDirectory
    {
        [Test]
        public void Should_Load_A_Remembered_Plugin_Through_The_Entry_Type_It_Recorded()
        {
            // Given
            using var fixture = new ProjectFixture().WithSamplePlugin();
            var cache = fixture.Paths.PluginCache;
            fixture.LoadPlugins(cacheDirectory: cache);

            // When
            var (manager, registry) = fixture.LoadPlugins(cacheDirectory: cache);

            // Then
            Assert.That(manager.Loaded.Single().Name, Is.EqualTo("SamplePlugin"));
            Assert.That(registry.Providers.Keys, Is.EqualTo(new[] { "sample" }));
            Assert.That(File.ReadAllText(Path.Combine(cache, "verified")), Does.Contain(" SamplePlugin.SamplePlugin\t").And.Contain("SamplePlugin.dll"));
        }

        [Test]
        public void Should_Verify_A_Plugin_Again_When_Its_File_Changes()
        {
            // Given
            using var fixture = new ProjectFixture().WithSamplePlugin();
            var cache = fixture.Paths.PluginCache;
            var (first, _) = fixture.LoadPlugins(cacheDirectory: cache);
            // A new file rather than a rewrite: this process still maps the old one.
            File.Delete(first.Loaded.Single().Path);
            File.WriteAllText(first.Loaded.Single().Path, "not an assembly any more");

            // When
            var error = Assert.Throws<PluginLoadException>(() => fixture.LoadPlugins(cacheDirectory: cache));

            // Then
            Assert.That(error!.Message, Is.EqualTo("SamplePlugin.dll is not a .NET assembly, so it cannot be a vnet plugin."));
        }

        [Test]
        public void Should_Keep_One_Record_Per_Plugin_When_A_Plugin_Is_Rebuilt()
        {
            // Given: a plugin verified, then replaced by a build with another write time.
            using var fixture = new ProjectFixture().WithSamplePlugin();
            var cache = fixture.Paths.PluginCache;
            var (first, _) = fixture.LoadPlugins(cacheDirectory: cache);
            var path = first.Loaded.Single().Path;
            var rebuilt = path + ".new";
            File.Copy(path, rebuilt);
            File.SetLastWriteTimeUtc(rebuilt, File.GetLastWriteTimeUtc(path).AddMinutes(1));
            File.Move(rebuilt, path, overwrite: true);

            // When
            var (second, _) = fixture.LoadPlugins(cacheDirectory: cache);

            // Then
            Assert.That(second.Loaded.Single().Name, Is.EqualTo("SamplePlugin"));
            Assert.That(File.ReadAllLines(Path.Combine(cache, "verified")), Has.Length.EqualTo(1));
        }

        [Test]
        public void Should_Verify_A_Remembered_Plugin_Again_Under_Another_Sdk_Version()
        {
            // Given
            using var fixture = new ProjectFixture().WithSamplePlugin();
            var cache = fixture.Paths.PluginCache;
            fixture.LoadPlugins(cacheDirectory: cache);

            // When
            var error = Assert.Throws<PluginLoadException>(() => fixture.LoadPlugins(hostSdkVersion: new Version(2, 0, 0, 0), cacheDirectory: cache));

            // Then
            Assert.That(error!.Message, Does.StartWith("Plugin SamplePlugin.dll was built against VagrantNet.Sdk 1.0.0.0 but vnet provides VagrantNet.Sdk 2.0.0.0;"));
        }

        [Test]
        public void Should_Find_A_Plugin_Installed_After_The_Directory_Was_Listed()
        {
            // Given
            using var fixture = new ProjectFixture();
            Directory.CreateDirectory(fixture.Paths.Plugins);
            fixture.PluginDirectories.Add(fixture.Paths.Plugins);
            var cache = fixture.Paths.PluginCache;
            var (before, _) = fixture.LoadPlugins(cacheDirectory: cache);
            fixture.WithSamplePlugin();

            // When
            var (after, registry) = fixture.LoadPlugins(cacheDirectory: cache);

            // Then
            Assert.That(before.Loaded, Is.Empty);
            Assert.That(after.Loaded.Single().Name, Is.EqualTo("SamplePlugin"));
            Assert.That(registry.Providers.Keys, Is.EqualTo(new[] { "sample" }));
        }

        [Test]
        public void Should_Stop_Finding_A_Plugin_Removed_After_The_Directory_Was_Listed()
        {
            // Given
            using var fixture = new ProjectFixture().WithSamplePlugin();
            var cache = fixture.Paths.PluginCache;
            fixture.LoadPlugins(cacheDirectory: cache);
            Directory.Delete(Path.Combine(fixture.Paths.Plugins, "SamplePlugin"), recursive: true);

            // When
            var (manager, _) = fixture.LoadPlugins(cacheDirectory: cache);

            // Then
            Assert.That(manager.Loaded, Is.Empty);
        }

        [Test]
        public void Should_Load_Plugins_When_The_Cache_Is_Garbage_Or_Cannot_Be_Written()
        {
            // Given: the cache "directory" is a file, so nothing can be written under it, and its entries are garbage.
            using var fixture = new ProjectFixture().WithSamplePlugin();
            var cache = Path.Combine(fixture.Root, "not-a-directory");
            File.WriteAllText(cache, "x\ty\n\tgarbage\n");

            // When
            var (manager, registry) = fixture.LoadPlugins(cacheDirectory: cache);

            // Then
            Assert.That(manager.Loaded.Single().Name, Is.EqualTo("SamplePlugin"));
            Assert.That(registry.Providers.Keys, Is.EqualTo(new[] { "sample" }));
        }

        [Test]
        public void Should_Ignore_A_Recorded_Entry_That_Names_Another_Type()
        {
            // Given: an entry whose token points at some other type (as a hand-edited or stale file could).
            using var fixture = new ProjectFixture().WithSamplePlugin();
            var cache = fixture.Paths.PluginCache;
            fixture.LoadPlugins(cacheDirectory: cache);
            var verified = Path.Combine(cache, "verified");
            File.WriteAllLines(verified, File.ReadAllLines(verified).Select(l => "33554433" + l[l.IndexOf(' ', StringComparison.Ordinal)..]));

            // When
            var (manager, registry) = fixture.LoadPlugins(cacheDirectory: cache);

            // Then: the attribute is read instead.
            Assert.That(manager.Loaded.Single().Name, Is.EqualTo("SamplePlugin"));
            Assert.That(registry.Providers.Keys, Is.EqualTo(new[] { "sample" }));
        }
    }
}
