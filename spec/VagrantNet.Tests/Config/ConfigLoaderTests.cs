using VagrantNet.Core;
using VagrantNet.Core.Configuration;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Config;

/// <summary>The user-wide and project layers and the machines they define.</summary>
[TestFixture]
public class ConfigLoaderTests
{
    private static async Task<ProjectConfig> LoadAsync(ProjectFixture files, FakeEvaluator evaluator)
    {
        File.WriteAllText(files.VagrantfilePath, "// evaluated by FakeEvaluator");
        return await new ConfigLoader(evaluator).LoadAsync(files.Paths.UserVagrantfile, files.VagrantfilePath, CancellationToken.None);
    }

    public class TheLoadAsyncMethod
    {
        [Test]
        public async Task Should_Define_A_Primary_Default_Machine_When_None_Is_Defined()
        {
            // Given
            using var files = new ProjectFixture();
            var evaluator = new FakeEvaluator().Add(files.VagrantfilePath, c => c.Vm.Box = "b");

            // When
            var project = await LoadAsync(files, evaluator);

            // Then
            Assert.That(project.Machines.Select(m => m.Name), Is.EqualTo(new[] { "default" }));
            Assert.That(project.Primary?.Name, Is.EqualTo("default"));
        }

        [Test]
        public async Task Should_Keep_Definition_Order_Primary_And_Autostart()
        {
            // Given
            using var files = new ProjectFixture();
            var evaluator = new FakeEvaluator().Add(files.VagrantfilePath, c =>
            {
                c.Vm.Define("zeta");
                c.Vm.Define("alpha", primary: true);
                c.Vm.Define("manual", autostart: false);
            });

            // When
            var project = await LoadAsync(files, evaluator);

            // Then
            Assert.That(project.Machines.Select(m => (m.Name, m.Primary, m.Autostart)), Is.EqualTo(new[] { ("zeta", false, true), ("alpha", true, true), ("manual", false, false) }));
            Assert.That(project.Primary?.Name, Is.EqualTo("alpha"));
        }

        [Test]
        public async Task Should_Have_No_Primary_When_Several_Machines_Are_Not_Marked()
        {
            // Given
            using var files = new ProjectFixture();
            var evaluator = new FakeEvaluator().Add(files.VagrantfilePath, c => { c.Vm.Define("web"); c.Vm.Define("db"); });

            // When
            var project = await LoadAsync(files, evaluator);

            // Then
            Assert.That(project.Primary, Is.Null);
        }

        [Test]
        public async Task Should_Put_The_User_Wide_Layer_Before_The_Project_When_It_Exists()
        {
            // Given
            using var files = new ProjectFixture();
            File.WriteAllText(files.Paths.UserVagrantfile, "// user");
            var evaluator = new FakeEvaluator()
                .Add(files.Paths.UserVagrantfile, c => c.Vm.Define("from-user"))
                .Add(files.VagrantfilePath, c => c.Vm.Define("from-project"));

            // When
            var project = await LoadAsync(files, evaluator);

            // Then
            Assert.That(project.Layers.Select(l => Path.GetFileName(Path.GetDirectoryName(l.Source))), Is.EqualTo(new[] { "home", "project" }));
            Assert.That(project.Machines.Select(m => m.Name), Is.EqualTo(new[] { "from-user", "from-project" }));
        }

        [Test]
        public void Should_Refuse_Two_Machines_Marked_Primary_Naming_Both()
        {
            // Given
            using var files = new ProjectFixture();
            var evaluator = new FakeEvaluator().Add(files.VagrantfilePath, c =>
            {
                c.Vm.Define("web", primary: true);
                c.Vm.Define("db", primary: true);
            });

            // When
            var error = Assert.ThrowsAsync<VnetException>(() => LoadAsync(files, evaluator));

            // Then
            Assert.That(error!.Message, Does.EndWith("machines 'web' and 'db' are both marked primary; only one machine can be primary."));
        }

        [Test]
        public void Should_Refuse_A_Machine_Name_Defined_Twice()
        {
            // Given
            using var files = new ProjectFixture();
            var evaluator = new FakeEvaluator().Add(files.VagrantfilePath, c => { c.Vm.Define("web"); c.Vm.Define("web"); });

            // When
            var error = Assert.ThrowsAsync<VnetException>(() => LoadAsync(files, evaluator));

            // Then
            Assert.That(error!.Message, Does.EndWith("error: The machine name 'web' is defined twice; each Define needs its own name."));
        }
    }
}
