using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Cli;

/// <summary><c>config.Trigger</c> run in-process against the recording provider: Vagrant's action triggers on the host.</summary>
[TestFixture]
[NonParallelizable]
public class TriggerTests
{
    private ProjectFixture _project = null!;

    [SetUp]
    public void CreateProject() => _project = new ProjectFixture();

    [TearDown]
    public void DeleteProject() => _project.Dispose();

    private Task<VnetRun> VnetAsync(string vagrantfileBody, params string[] args)
    {
        _project.WithVagrantfileText($$"""
            Vagrant.Configure(config =>
            {
                config.Vm.Box = "test/box";
                {{vagrantfileBody}}
            });
            """);
        var recorder = new ConcurrencyRecorder();
        RecordingProvider.Recorder = recorder;
        return InProcessVnet.RunAsync(
            _project.ProjectDirectory,
            new Dictionary<string, string?> { ["VNET_HOME"] = _project.Home, ["VNET_LOG"] = null, ["VNET_VAGRANTFILE"] = null, ["VNET_DEFAULT_PROVIDER"] = null },
            [RecordingProvider.Plugin],
            recorder.Stdout,
            args);
    }

    private string ProjectFile(string name) => Path.Combine(_project.ProjectDirectory, name);

    [Test]
    public async Task BeforeAndAfterTriggers_RunOnTheHostAroundTheAction_InTheProjectDirectory()
    {
        // When
        var run = await VnetAsync("""
            config.Trigger.Before("up", t => { t.Name = "note"; t.Info = "about to start"; t.Run = new TriggerRun { Inline = "sh -c 'echo before-$(ls .vnet/machines/default/recording/id 2>/dev/null | wc -l) >> order'" }; });
            config.Trigger.After("up", t => t.Run = new TriggerRun { Inline = "sh -c 'echo after-$(ls .vnet/machines/default/recording/id | wc -l) >> order'" });
            """, "up");

        // Then: before ran with no machine yet, after once the machine had its id
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(File.ReadAllLines(ProjectFile("order")), Is.EqualTo(new[] { "before-0", "after-1" }));
        Assert.That(run.Stdout, Does.Contain("Running action triggers before up ...").And.Contain("Running trigger: note...")
            .And.Contain("about to start").And.Contain("Running action triggers after up ..."));
    }

    [Test]
    public async Task Abort_StopsVnetWithItsExitCode_BeforeTheActionRuns()
    {
        // When
        var run = await VnetAsync("""config.Trigger.Before("up", t => t.Abort = 7);""", "up");

        // Then
        Assert.That(run.ExitCode, Is.EqualTo(7), run.ToString());
        Assert.That((run.Stdout + run.Stderr), Does.Contain("vnet has been configured to abort. Terminating now..."));
        Assert.That(File.Exists(ProjectFile(".vnet/machines/default/recording/id")), Is.False, "up never ran");
    }

    [Test]
    public async Task AFailedRun_StopsTheCommand_NamingTheMachineAndTheStatus()
    {
        // When
        var run = await VnetAsync("""config.Trigger.Before("up", t => t.Run = new TriggerRun { Inline = "sh -c 'exit 4'" });""", "up");

        // Then
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stderr, Does.Contain("Machine 'default': a trigger's run exited with status 4 (exit_codes: 0)."));
        Assert.That(File.Exists(ProjectFile(".vnet/machines/default/recording/id")), Is.False, "up never ran");
    }

    [Test]
    public async Task OnErrorContinue_AndExitCodes_LetTheActionGoOn()
    {
        // When
        var run = await VnetAsync("""
            config.Trigger.Before("up", t => { t.Run = new TriggerRun { Inline = "false" }; t.OnError = TriggerOnError.Continue; });
            config.Trigger.Before("up", t => { t.Run = new TriggerRun { Inline = "sh -c 'exit 3'" }; t.ExitCodes = [0, 3]; });
            """, "up");

        // Then
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That((run.Stdout + run.Stderr), Does.Contain("Trigger run failed").And.Contain("Trigger configured to continue on error..."));
        Assert.That(File.Exists(ProjectFile(".vnet/machines/default/recording/id")), Is.True);
    }

    [Test]
    public async Task AllWithIgnoreAndOnlyOn_FireOnTheMatchingMachinesAndActionsOnly()
    {
        // Given
        var body = """
            config.Vm.Define("web1", m => { });
            config.Vm.Define("db1", m => { });
            config.Trigger.After("all", t => { t.OnlyOn = ["^web"]; t.Ignore = ["destroy"]; t.Run = new TriggerRun { Inline = "sh -c 'echo fired >> fired'" }; });
            """;

        // When
        var up = await VnetAsync(body, "up");
        var destroy = await VnetAsync(body, "destroy", "-f");

        // Then: once, for web1's up
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(destroy.ExitCode, Is.Zero, destroy.ToString());
        Assert.That(File.ReadAllLines(ProjectFile("fired")), Is.EqualTo(new[] { "fired" }));
    }

    [Test]
    public async Task ATriggerOnAnUnknownAction_OrThatDoesNothing_IsRefusedByValidate()
    {
        // When
        var run = await VnetAsync("""
            config.Trigger.Before("upp", t => t.Info = "x");
            config.Trigger.After("halt", t => t.Name = "empty");
            """, "validate");

        // Then
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stderr, Does.Contain("trigger.before \"upp\"").And.Contain("'upp' is not an action; use one of up, halt"));
        Assert.That(run.Stderr, Does.Contain("trigger.after \"halt\"").And.Contain("does nothing: give it info, warn, abort, run or run_remote"));
    }
}
