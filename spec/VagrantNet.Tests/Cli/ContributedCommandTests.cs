using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Cli;

/// <summary>
/// Commands a plugin adds (the sample plugin's <c>sample-hello</c>), through the built <c>vnet</c> in a process of its
/// own with the plugin installed under VNET_HOME, as a user installs one.
/// </summary>
[TestFixture]
public class ContributedCommandTests
{
    private ProjectFixture _project = null!;

    [SetUp]
    public void InstallSamplePlugin() => _project = new ProjectFixture().WithSamplePlugin();

    [TearDown]
    public void DeleteProject() => _project.Dispose();

    private Task<VnetRun> VnetAsync(params string[] args) => VnetWithAsync(new Dictionary<string, string?>(), args);

    private Task<VnetRun> VnetWithAsync(Dictionary<string, string?> extra, params string[] args)
    {
        var environment = new Dictionary<string, string?>(extra) { ["VNET_HOME"] = _project.Home };
        return VnetProcess.RunAsync(_project.ProjectDirectory, environment, args);
    }

    [Test]
    public async Task Help_Lists_The_Plugins_Command_With_Its_Description()
    {
        // Given a plugin with a command

        // When
        var run = await VnetAsync("--help");

        // Then
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Match(@"\n\s+sample-hello <name>\s+Greets from the sample plugin"));
        Assert.That(run.Stdout, Does.Contain("status"), "vnet's own commands are still listed");
    }

    [Test]
    public async Task The_Plugins_Command_Runs_With_Its_Argument()
    {
        // Given a plugin with a command

        // When
        var run = await VnetAsync("sample-hello", "Ada");

        // Then
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("Hello, Ada, from the sample plugin."));
    }

    [Test]
    public async Task The_Plugins_Command_Runs_Without_Its_Optional_Argument()
    {
        // Given a plugin with a command

        // When
        var run = await VnetAsync("sample-hello");

        // Then
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("Hello, world, from the sample plugin."));
    }

    [Test]
    public async Task The_Plugins_Command_Gets_The_Projects_Machines_Bound_To_The_Plugins_Provider()
    {
        // Given a project whose script uses the plugin's typed config
        _project.WithVagrantfile("TypedProvider.csx");

        // When
        var run = await VnetAsync("sample-hello", "Ada");

        // Then the script compiled against the plugin the command came from, and the machines use its provider
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("machine quiet (sample)"));
        Assert.That(run.Stdout, Does.Contain("machine loud (sample)"));
    }

    [Test]
    public async Task An_Error_From_The_Plugins_Command_Is_Shown_As_Vnet_Shows_Its_Own()
    {
        // Given a plugin command that refuses its argument

        // When
        var run = await VnetAsync("sample-hello", "nobody");

        // Then
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stderr.Trim(), Is.EqualTo("The sample plugin greets somebody; name someone other than 'nobody'."));
    }

    [Test]
    public async Task A_Plugin_Command_Named_Like_A_Vnet_Command_Is_Refused_Naming_The_Plugin_And_The_Command()
    {
        // Given the sample plugin registering its command as "status"
        var clash = new Dictionary<string, string?> { ["SAMPLE_PLUGIN_COMMAND"] = "status" };
        const string Refusal = "Plugin SamplePlugin registers the command 'status', which is a vnet command; rename the plugin's command, or uninstall the plugin (vnet plugin uninstall SamplePlugin).";

        // When
        var status = await VnetWithAsync(clash, "status");
        var help = await VnetWithAsync(clash, "--help");

        // Then a command that loads the plugins fails on it; help still shows vnet's commands and says why the plugin's are missing
        Assert.That(status.ExitCode, Is.EqualTo(1), status.ToString());
        Assert.That(status.Stderr.Trim(), Is.EqualTo(Refusal));
        Assert.That(help.ExitCode, Is.Zero, help.ToString());
        Assert.That(help.Stderr.Trim(), Is.EqualTo("Plugin commands are not available: " + Refusal));
        Assert.That(help.Stdout, Does.Contain("Outputs status of the vnet machines"));
    }

    [Test]
    public async Task Completion_Offers_The_Plugins_Command()
    {
        // Given a plugin with a command
        const string Line = " sample-h";

        // When
        var run = await VnetAsync($"[suggest:{Line.Length}]", Line);

        // Then
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EquivalentTo(new[] { "sample-hello" }));
    }
}
