using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Cli;

/// <summary>VNET_LOG and VNET_LOG_FILE, checked before any command runs.</summary>
[TestFixture]
[NonParallelizable]
public class LoggingTests
{
    private ProjectFixture _project = null!;

    [SetUp]
    public void CreateProject() => _project = new ProjectFixture().WithVagrantfile("TwoMachines.csx");

    [TearDown]
    public void DeleteProject() => _project.Dispose();

    private Task<VnetRun> VnetAsync(string? level, string? file, params string[] args) =>
        InProcessVnet.RunAsync(_project.ProjectDirectory, new Dictionary<string, string?>
        {
            ["VNET_HOME"] = _project.Home,
            ["VNET_LOG"] = level,
            ["VNET_LOG_FILE"] = file,
            ["VNET_VAGRANTFILE"] = null,
            ["VNET_DEFAULT_PROVIDER"] = null,
        }, args);

    [Test]
    public async Task An_Unknown_Level_Is_Refused_Naming_The_Variable_And_The_Levels_Before_The_Command_Runs()
    {
        // Given
        File.Delete(_project.VagrantfilePath);

        // When
        var run = await VnetAsync("bogus", null, "init");

        // Then
        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
        Assert.That(run.Stderr, Does.Contain("VNET_LOG is 'bogus', which is not a log level").And.Contain("debug, info, warn, error"));
        Assert.That(File.Exists(_project.VagrantfilePath), Is.False, "init ran");
    }

    [Test]
    public async Task A_Log_File_Gets_The_Log_Beside_Stderr()
    {
        // Given
        var file = Path.Combine(_project.Root, "vnet.log");

        // When
        var run = await VnetAsync("debug", file, "status");

        // Then
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stderr, Does.Contain("VNET_HOME is " + _project.Home));
        Assert.That(File.ReadAllText(file), Does.Contain("DBUG vnet: VNET_HOME is " + _project.Home));
    }

    [Test]
    public async Task A_Log_File_Alone_Gets_Debug_Lines_And_Stderr_Stays_Quiet()
    {
        // Given
        var file = Path.Combine(_project.Root, "vnet.log");

        // When
        var run = await VnetAsync(null, file, "status");

        // Then
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stderr, Is.Empty);
        Assert.That(File.ReadAllText(file), Does.Contain("VNET_HOME is " + _project.Home));
    }

    [Test]
    public async Task An_Unwritable_Log_File_Is_Refused_Naming_It()
    {
        // Given: a path under a regular file, which no one (root included) can create.
        var blocker = Path.Combine(_project.Root, "not-a-directory");
        File.WriteAllText(blocker, string.Empty);
        var file = Path.Combine(blocker, "vnet.log");

        // When
        var run = await VnetAsync("debug", file, "status");

        // Then
        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
        Assert.That(run.Stderr, Does.Contain($"VNET_LOG_FILE is {file}, and vnet cannot write the log there"));
        Assert.That(run.Stdout, Is.Empty);
    }
}
