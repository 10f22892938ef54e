using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Cli;

/// <summary><c>vnet init --from Vagrantfile</c> and the hint every command gives in a directory with only a Ruby Vagrantfile.</summary>
[TestFixture]
[NonParallelizable]
public class InitFromTests
{
    private ProjectFixture _project = null!;

    [SetUp]
    public void CreateProject() => _project = new ProjectFixture();

    [TearDown]
    public void DeleteProject() => _project.Dispose();

    private string ProjectFile(string name) => Path.Combine(_project.ProjectDirectory, name);

    private Task<VnetRun> VnetAsync(params string[] args) =>
        InProcessVnet.RunAsync(_project.ProjectDirectory, new Dictionary<string, string?>
        {
            ["VNET_HOME"] = _project.Home,
            ["VNET_LOG"] = null,
            ["VNET_VAGRANTFILE"] = null,
            ["VNET_DEFAULT_PROVIDER"] = null,
        }, args);

    [Test]
    public async Task Status_InADirectoryWithOnlyARubyVagrantfile_SaysHowToConvertIt()
    {
        // Given
        File.WriteAllText(ProjectFile("Vagrantfile"), "Vagrant.configure(\"2\") do |config|\n  config.vm.box = \"b\"\nend\n");

        // When
        var run = await VnetAsync("status");

        // Then
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stderr, Does.Contain("There is a Ruby Vagrantfile at").And.Contain("Run `vnet init --from Vagrantfile`"));
    }

    [Test]
    public async Task InitFrom_WritesAScriptThatValidates_AndWarnsAtTheLineOfWhatItKeptAsAComment()
    {
        // Given
        File.WriteAllText(ProjectFile("Vagrantfile"), """
            Vagrant.configure("2") do |config|
              config.vm.box = "b"
              config.vm.provider "virtualbox" do |vb|
                vb.gui = true
              end
            end
            """);

        // When
        var init = await VnetAsync("init", "--from", "Vagrantfile");
        var validate = await VnetAsync("validate");

        // Then
        Assert.That(init.ExitCode, Is.Zero, init.ToString());
        Assert.That(init.Stderr, Does.Contain("Vagrantfile(3,13): warning: the virtualbox provider's settings (vnet has no virtualbox provider)"));
        Assert.That(File.ReadAllText(ProjectFile("Vagrantfile.csx")), Does.Contain("config.Vm.Box = \"b\";").And.Contain("//     vb.gui = true"));
        Assert.That(validate.ExitCode, Is.Zero, validate.ToString());
    }

    [Test]
    public async Task InitFrom_RubyItCannotRead_IsAnErrorAtItsLine_AndWritesNothing()
    {
        // Given
        File.WriteAllText(ProjectFile("Vagrantfile"), "Vagrant.configure(\"2\") do |config|\n  config.vm.box = \"b\n");

        // When
        var run = await VnetAsync("init", "--from", "Vagrantfile");

        // Then
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stderr, Does.Contain("Vagrantfile(").And.Contain("error: a string is not closed").And.Contain("Nothing was written"));
        Assert.That(File.Exists(ProjectFile("Vagrantfile.csx")), Is.False);
    }
}
