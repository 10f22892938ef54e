using VagrantNet.Core;
using VagrantNet.Core.Configuration;
using VagrantNet.Core.IO;
using VagrantNet.Core.Plugins;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Config;

/// <summary>One machine's config: box → user → project → Define → provider override, then finalize and validate.</summary>
[TestFixture]
public class MachineConfigBuilderTests
{
    [ProviderName("fake")]
    public sealed class FakeConfig : ProviderConfig
    {
        public int? Memory { get; set; }

        public int? Cpus { get; set; }

        public override void FinalizeDefaults() => Cpus ??= 1;

        public override void Validate(ValidationErrors errors)
        {
            if (Memory is < 64)
            {
                errors.Add("fake provider", "fake.memory", $"must be at least 64 MB, got {Memory}");
            }
        }
    }

    private sealed class FakeBoxes(string directory) : IBoxLookup
    {
        public List<(string Name, string? Version, string Provider)> Lookups { get; } = [];

        public BoxInfo? Find(string name, string? versionConstraint, string provider, string architecture)
        {
            Lookups.Add((name, versionConstraint, provider));
            return new BoxInfo(name, "1.0.0", provider, architecture, directory);
        }
    }

    /// <summary>A project on disk with a user-wide, a project and a box Vagrantfile.csx, evaluated by <see cref="FakeEvaluator"/>.</summary>
    private sealed class Fixture : IDisposable
    {
        private readonly ProjectFixture _files = new();

        public Fixture()
        {
            Directory.CreateDirectory(BoxDirectory);
            foreach (var path in new[] { UserVagrantfile, ProjectVagrantfile, BoxVagrantfile })
            {
                File.WriteAllText(path, "// evaluated by FakeEvaluator");
            }

            new CorePlugin().Register(Registry);
            Registry.Provider<FakeConfig>(_ => throw new NotSupportedException());
        }

        public string UserVagrantfile => _files.Paths.UserVagrantfile;

        public string ProjectVagrantfile => _files.VagrantfilePath;

        public string BoxDirectory => Path.Combine(_files.Root, "box");

        public string BoxVagrantfile => Path.Combine(BoxDirectory, "Vagrantfile.csx");

        public FakeEvaluator Evaluator { get; } = new();

        public PluginRegistry Registry { get; } = new();

        public IBoxLookup? Boxes { get; set; }

        public async Task<MachineConfiguration> BuildAsync(string machine = "default", string? provider = "fake")
        {
            var loader = new ConfigLoader(Evaluator);
            var project = await loader.LoadAsync(UserVagrantfile, ProjectVagrantfile, CancellationToken.None);
            return await new MachineConfigBuilder(project, Registry, loader, Boxes).BuildAsync(machine, provider, CancellationToken.None);
        }

        public void Dispose() => _files.Dispose();
    }

    public class TheBuildAsyncMethod
    {
        [Test]
        public async Task Should_Merge_Box_User_Project_Define_And_Provider_Override_In_That_Order()
        {
            // Given
            using var fixture = new Fixture();
            fixture.Boxes = new FakeBoxes(fixture.BoxDirectory);
            fixture.Evaluator
                .Add(fixture.BoxVagrantfile, c => { c.Vnet.Plugins.Add("box"); c.Vm.Hostname = "box"; c.Vm.PostUpMessage = "from the box"; })
                .Add(fixture.UserVagrantfile, c => { c.Vnet.Plugins.Add("user"); c.Vm.Hostname = "user"; c.Ssh.Username = "from-user"; })
                .Add(fixture.ProjectVagrantfile, c =>
                {
                    c.Vnet.Plugins.Add("project");
                    c.Vm.Hostname = "project";
                    c.Vm.Box = "vnet/debian12";
                    c.Vm.Define("web", web => { web.Vnet.Plugins.Add("define"); web.Vm.Hostname = "define"; web.Vm.BootTimeout = 42; });
                    c.Vm.Provider("fake", (p, over) => { over.Vnet.Plugins.Add("override"); over.Vm.Hostname = "override"; });
                });

            // When
            var result = await fixture.BuildAsync("web");

            // Then
            Assert.That(result.Config.Vnet.Plugins, Is.EqualTo(new[] { "box", "user", "project", "define", "override" }));
            Assert.That(result.Config.Vm.Hostname, Is.EqualTo("override"));
            Assert.That(result.Config.Vm.PostUpMessage, Is.EqualTo("from the box"));
            Assert.That(result.Config.Ssh.Username, Is.EqualTo("from-user"));
            Assert.That(result.Config.Vm.BootTimeout, Is.EqualTo(42));
        }

        [Test]
        public async Task Should_Look_Up_The_Box_The_Other_Layers_Name_For_The_Chosen_Provider()
        {
            // Given
            using var fixture = new Fixture();
            var boxes = new FakeBoxes(fixture.BoxDirectory);
            fixture.Boxes = boxes;
            fixture.Evaluator.Add(fixture.ProjectVagrantfile, c =>
            {
                c.Vm.Box = "vnet/debian12";
                c.Vm.BoxVersion = "~> 1.0";
                c.Vm.Define("web", web => web.Vm.Box = "vnet/debian13");
            });

            // When
            await fixture.BuildAsync("web");

            // Then
            Assert.That(boxes.Lookups, Is.EqualTo(new[] { ("vnet/debian13", (string?)"~> 1.0", "fake") }));
        }

        [Test]
        public async Task Should_Apply_The_Machines_Provider_Block_After_The_Projects()
        {
            // Given
            using var fixture = new Fixture();
            fixture.Evaluator.Add(fixture.ProjectVagrantfile, c =>
            {
                c.Vm.Box = "b";
                c.Vm.Provider("fake", p => { p["memory"] = 512; p["cpus"] = 2; });
                c.Vm.Define("big", big => big.Vm.Provider("fake", p => p["memory"] = 4096));
                c.Vm.Define("small");
            });

            // When
            var big = await fixture.BuildAsync("big");
            var small = await fixture.BuildAsync("small");

            // Then
            Assert.That(((FakeConfig)big.ProviderConfig).Memory, Is.EqualTo(4096));
            Assert.That(((FakeConfig)big.ProviderConfig).Cpus, Is.EqualTo(2));
            Assert.That(((FakeConfig)small.ProviderConfig).Memory, Is.EqualTo(512));
        }

        [Test]
        public async Task Should_Skip_Blocks_Of_Other_Providers()
        {
            // Given
            using var fixture = new Fixture();
            fixture.Evaluator.Add(fixture.ProjectVagrantfile, c =>
            {
                c.Vm.Box = "b";
                c.Vm.Provider("virtualbox", p => p["gui"] = true);
                c.Vm.Provider("fake", p => p["memory"] = 256);
            });

            // When
            var result = await fixture.BuildAsync();

            // Then
            Assert.That(result.ProviderConfig, Is.TypeOf<FakeConfig>());
            Assert.That(((FakeConfig)result.ProviderConfig).Memory, Is.EqualTo(256));
        }

        [Test]
        public async Task Should_Finalize_The_Provider_Config()
        {
            // Given
            using var fixture = new Fixture();
            fixture.Evaluator.Add(fixture.ProjectVagrantfile, c => c.Vm.Box = "b");

            // When
            var result = await fixture.BuildAsync();

            // Then
            Assert.That(((FakeConfig)result.ProviderConfig).Cpus, Is.EqualTo(1));
            Assert.That(result.Config.Vm.BootTimeout, Is.EqualTo(300));
        }

        [Test]
        public async Task Should_Leave_Provider_Blocks_Out_When_No_Provider_Is_Chosen()
        {
            // Given
            using var fixture = new Fixture();
            fixture.Evaluator.Add(fixture.ProjectVagrantfile, c =>
            {
                c.Vm.Box = "b";
                c.Vm.Provider("fake", p => p["no_such_setting"] = 1);
            });

            // When
            var result = await fixture.BuildAsync(provider: null);

            // Then
            Assert.That(result.Provider, Is.EqualTo("none"));
            Assert.That(result.Errors.IsEmpty, Is.True);
        }

        [Test]
        public async Task Should_Collect_Config_And_Provider_Errors_For_The_Machine_Without_Throwing()
        {
            // Given
            using var fixture = new Fixture();
            fixture.Evaluator.Add(fixture.ProjectVagrantfile, c => c.Vm.Define("web", web => web.Vm.Provider("fake", p => p["memory"] = 1)));

            // When
            var result = await fixture.BuildAsync("web");

            // Then
            Assert.That(result.Errors.All.Select(e => (e.Machine, e.Section, e.Setting)), Is.EqualTo(new[]
            {
                ("web", "vm", "vm.box"),
                ("web", "fake provider", "fake.memory"),
            }));
        }

        [Test]
        public void Should_List_The_Installed_Providers_When_The_Provider_Is_Unknown()
        {
            // Given
            using var fixture = new Fixture();
            fixture.Evaluator.Add(fixture.ProjectVagrantfile, c => c.Vm.Box = "b");

            // When
            var error = Assert.ThrowsAsync<VnetException>(() => fixture.BuildAsync(provider: "nope"));

            // Then
            Assert.That(error!.Message, Is.EqualTo("The provider 'nope' could not be found. Installed providers: fake."));
        }

        [Test]
        public void Should_List_The_Defined_Machines_When_The_Machine_Is_Unknown()
        {
            // Given
            using var fixture = new Fixture();
            fixture.Evaluator.Add(fixture.ProjectVagrantfile, c => { c.Vm.Define("web"); c.Vm.Define("db"); });

            // When
            var error = Assert.ThrowsAsync<VnetException>(() => fixture.BuildAsync("cache"));

            // Then
            Assert.That(error!.Message, Is.EqualTo("The machine 'cache' is not defined in this project. Defined machines: web, db."));
        }

        [Test]
        public void Should_Name_The_Script_The_Machine_And_The_Setting_When_An_Untyped_Setting_Is_Unknown()
        {
            // Given
            using var fixture = new Fixture();
            fixture.Evaluator.Add(fixture.ProjectVagrantfile, c => { c.Vm.Box = "b"; c.Vm.Provider("fake", p => p["colour"] = "red"); });

            // When
            var error = Assert.ThrowsAsync<VnetException>(() => fixture.BuildAsync());

            // Then
            Assert.That(error!.Message, Does.StartWith(DisplayPath.Of(fixture.ProjectVagrantfile)));
            Assert.That(error.Message, Does.EndWith("error: machine 'default': The fake provider has no setting 'colour'. Known settings: memory, cpus."));
        }
    }
}
