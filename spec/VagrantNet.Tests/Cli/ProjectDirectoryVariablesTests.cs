using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Cli;

/// <summary>
/// <c>VNET_CWD</c> and <c>VNET_DOTFILE_PATH</c>, as Vagrant's <c>VAGRANT_CWD</c> (where the Vagrantfile search starts) and
/// <c>VAGRANT_DOTFILE_PATH</c> (where the project's state directory is, relative to the project's root).
/// </summary>
[TestFixture]
[NonParallelizable]
public class ProjectDirectoryVariablesTests
{
    private ProjectFixture _project = null!;

    [SetUp]
    public void CreateProject() => _project = new ProjectFixture().WithVagrantfileText("Vagrant.Configure(config => config.Vm.Box = \"test/box\");");

    [TearDown]
    public void DeleteProject() => _project.Dispose();

    private Task<VnetRun> VnetAsync(string workingDirectory, string? cwd, string? dotfile, params string[] args)
    {
        RecordingProvider.Recorder = new ConcurrencyRecorder();
        return InProcessVnet.RunAsync(
            workingDirectory,
            new Dictionary<string, string?>
            {
                ["VNET_HOME"] = _project.Home,
                ["VNET_LOG"] = null,
                ["VNET_VAGRANTFILE"] = null,
                ["VNET_DEFAULT_PROVIDER"] = null,
                ["VNET_CWD"] = cwd,
                ["VNET_DOTFILE_PATH"] = dotfile,
            },
            [RecordingProvider.Plugin],
            new StringWriter(),
            args);
    }

    private string StateFile(string dataDirectory) => Path.Combine(dataDirectory, "machines", "default", RecordingProvider.Name, "id");

    [Test]
    public async Task VnetCwd_FindsTheProjectThere_FromAnotherDirectory()
    {
        // Given: vnet runs in the fixture's root, which has no Vagrantfile.csx
        var elsewhere = _project.Root;

        // When
        var up = await VnetAsync(elsewhere, _project.ProjectDirectory, null, "up");
        var status = await VnetAsync(elsewhere, _project.ProjectDirectory, null, "status");

        // Then
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(File.Exists(StateFile(Path.Combine(_project.ProjectDirectory, ".vnet"))), Is.True);
        Assert.That(status.Stdout, Does.Contain("default").And.Contain("running"), status.ToString());
    }

    [Test]
    public async Task ARelativeVnetCwd_IsTakenFromTheCurrentDirectory()
    {
        // When
        var status = await VnetAsync(_project.Root, "project", null, "status");

        // Then
        Assert.That(status.ExitCode, Is.Zero, status.ToString());
        Assert.That(status.Stdout, Does.Contain("not created"));
    }

    [Test]
    public async Task AVnetCwdThatIsNotADirectory_FailsTheCommand_NamingTheVariable()
    {
        // When
        var status = await VnetAsync(_project.ProjectDirectory, "/nonexistent/vnet-cwd", null, "status");

        // Then
        Assert.That(status.ExitCode, Is.EqualTo(1));
        Assert.That(status.Stderr, Does.Contain("VNET_CWD is set to '/nonexistent/vnet-cwd', but /nonexistent/vnet-cwd is not a directory."));
    }

    [Test]
    public async Task VnetInit_WritesTheVagrantfileIntoVnetCwd()
    {
        // Given
        var target = Directory.CreateDirectory(Path.Combine(_project.Root, "fresh")).FullName;

        // When
        var init = await VnetAsync(_project.Root, target, null, "init", "test/box");

        // Then
        Assert.That(init.ExitCode, Is.Zero, init.ToString());
        Assert.That(File.Exists(Path.Combine(target, "Vagrantfile.csx")), Is.True);
        Assert.That(File.Exists(Path.Combine(_project.Root, "Vagrantfile.csx")), Is.False);
    }

    [Test]
    public async Task ARelativeVnetDotfilePath_PutsTheStateUnderTheProjectRoot_NotUnderDotVnet()
    {
        // Given: run from a subdirectory, so "relative to the root" differs from "relative to the current directory"
        var subdirectory = Directory.CreateDirectory(Path.Combine(_project.ProjectDirectory, "sub")).FullName;

        // When
        var up = await VnetAsync(subdirectory, null, "state/dot", "up");
        var status = await VnetAsync(subdirectory, null, "state/dot", "status");
        var withoutVariable = await VnetAsync(subdirectory, null, null, "status");

        // Then
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(File.Exists(StateFile(Path.Combine(_project.ProjectDirectory, "state", "dot"))), Is.True);
        Assert.That(Directory.Exists(Path.Combine(_project.ProjectDirectory, ".vnet", "machines")), Is.False);
        Assert.That(status.Stdout, Does.Contain("running"), status.ToString());
        Assert.That(withoutVariable.Stdout, Does.Contain("not created"), "the default .vnet holds no state");
    }

    [Test]
    public async Task AnAbsoluteVnetDotfilePath_IsUsedAsIs()
    {
        // Given
        var state = Path.Combine(_project.Root, "elsewhere-state");

        // When
        var up = await VnetAsync(_project.ProjectDirectory, null, state, "up");

        // Then
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(File.Exists(StateFile(state)), Is.True);
    }
}
