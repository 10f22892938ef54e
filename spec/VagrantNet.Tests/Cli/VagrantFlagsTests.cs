using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Cli;

/// <summary>
/// Vagrant's flags that vnet lacked, run in-process against a provider that logs which of its actions ran and with what:
/// <c>destroy -g</c>, <c>snapshot save -f</c>, <c>snapshot restore/pop --no-start</c>, <c>box outdated -f</c>, <c>init --template</c>.
/// </summary>
[TestFixture]
[NonParallelizable]
public class VagrantFlagsTests
{
    private ProjectFixture _project = null!;

    [SetUp]
    public void CreateProject()
    {
        _project = new ProjectFixture().WithVagrantfileText("Vagrant.Configure(config => config.Vm.Box = \"test/box\");");
        ActionLogProvider.Reset();
    }

    [TearDown]
    public void DeleteProject() => _project.Dispose();

    private Task<VnetRun> VnetAsync(params string[] args) => VnetInAsync(_project.ProjectDirectory, args);

    private Task<VnetRun> VnetInAsync(string workingDirectory, params string[] args) =>
        InProcessVnet.RunAsync(
            workingDirectory,
            new Dictionary<string, string?> { ["VNET_HOME"] = _project.Home, ["VNET_LOG"] = null, ["VNET_VAGRANTFILE"] = null, ["VNET_DEFAULT_PROVIDER"] = null, ["VNET_CWD"] = null, ["VNET_DOTFILE_PATH"] = null },
            [ActionLogProvider.Plugin],
            new StringWriter(),
            args);

    [Test]
    public async Task DestroyGraceful_HaltsTheMachineUnforced_BeforeDestroyingIt()
    {
        // Given
        await VnetAsync("up");

        // When
        var destroy = await VnetAsync("destroy", "-f", "-g");

        // Then
        Assert.That(destroy.ExitCode, Is.Zero, destroy.ToString());
        Assert.That(ActionLogProvider.Log, Is.EqualTo(new[] { "up", "halt force=False", "destroy force=True" }));
    }

    [Test]
    public async Task Destroy_WithoutGraceful_DoesNotHaltFirst()
    {
        // Given
        await VnetAsync("up");

        // When
        var destroy = await VnetAsync("destroy", "-f", "--no-parallel");

        // Then
        Assert.That(destroy.ExitCode, Is.Zero, destroy.ToString());
        Assert.That(ActionLogProvider.Log, Is.EqualTo(new[] { "up", "destroy force=True" }));
    }

    [Test]
    public async Task SuspendAllGlobal_SuspendsTheMachinesOfEveryIndexedProject_FromAnyDirectory()
    {
        // Given: two projects, each with a machine up
        var other = Directory.CreateDirectory(Path.Combine(_project.Root, "other")).FullName;
        File.WriteAllText(Path.Combine(other, "Vagrantfile.csx"), "Vagrant.Configure(config => { config.Vm.Box = \"test/box\"; config.Vm.Define(\"db\", _ => { }); });");
        await VnetAsync("up");
        await VnetInAsync(other, "up");
        var nowhere = Directory.CreateDirectory(Path.Combine(_project.Root, "nowhere")).FullName;

        // When
        var suspend = await VnetInAsync(nowhere, "suspend", "-a");

        // Then
        Assert.That(suspend.ExitCode, Is.Zero, suspend.ToString());
        Assert.That(ActionLogProvider.Log.Where(l => l == "suspend").Count(), Is.EqualTo(2), string.Join(", ", ActionLogProvider.Log));
    }

    [Test]
    public async Task SuspendAllGlobal_WithMachineNames_IsRefused()
    {
        // When
        var suspend = await VnetAsync("suspend", "-a", "default");

        // Then
        Assert.That(suspend.ExitCode, Is.EqualTo(1));
        Assert.That(suspend.Stderr, Does.Contain("`vnet suspend --all-global` takes no machine names"));
    }

    [Test]
    public async Task SnapshotSave_RefusesANameTheMachineHas_AndForceReplacesIt()
    {
        // Given
        await VnetAsync("up");
        await VnetAsync("snapshot", "save", "clean");

        // When
        var again = await VnetAsync("snapshot", "save", "clean");
        var forced = await VnetAsync("snapshot", "save", "-f", "clean");

        // Then
        Assert.That(again.ExitCode, Is.EqualTo(1));
        Assert.That(again.Stderr, Does.Contain("Machine 'default' already has a snapshot named 'clean'. Use another name, or `vnet snapshot save --force` to replace it."));
        Assert.That(forced.ExitCode, Is.Zero, forced.ToString());
        Assert.That(ActionLogProvider.Log.Where(l => !l.StartsWith("snapshot_list", StringComparison.Ordinal)), Is.EqualTo(new[] { "up", "snapshot_save clean", "snapshot_delete clean", "snapshot_save clean" }));
    }

    [Test]
    public async Task SnapshotRestoreNoStart_TellsTheProviderNotToStart_AndNotToProvision()
    {
        // Given
        await VnetAsync("up");
        await VnetAsync("snapshot", "save", "clean");

        // When
        var restore = await VnetAsync("snapshot", "restore", "clean", "--no-start");
        var plain = await VnetAsync("snapshot", "restore", "clean");

        // Then
        Assert.That(restore.ExitCode, Is.Zero, restore.ToString());
        Assert.That(ActionLogProvider.Log.Where(l => l.StartsWith("snapshot_restore", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "snapshot_restore clean start=False provision=False",
            "snapshot_restore clean start=True provision=",
        }));
    }

    [Test]
    public async Task SnapshotRestoreNoStart_WithProvision_IsRefused()
    {
        // Given
        await VnetAsync("up");
        await VnetAsync("snapshot", "save", "clean");

        // When
        var restore = await VnetAsync("snapshot", "restore", "clean", "--no-start", "--provision");

        // Then
        Assert.That(restore.ExitCode, Is.EqualTo(1));
        Assert.That(restore.Stderr, Does.Contain("--no-start and --provision cannot be used together"));
        Assert.That(ActionLogProvider.Log, Has.None.StartsWith("snapshot_restore"));
    }

    [Test]
    public async Task SnapshotPopNoStart_RestoresWithoutStarting_ThenDeletes()
    {
        // Given
        await VnetAsync("up");
        await VnetAsync("snapshot", "push");
        var pushed = ActionLogProvider.Snapshots.Single();

        // When
        var pop = await VnetAsync("snapshot", "pop", "--no-start");

        // Then
        Assert.That(pop.ExitCode, Is.Zero, pop.ToString());
        Assert.That(ActionLogProvider.Log.Where(l => !l.StartsWith("snapshot_list", StringComparison.Ordinal)).TakeLast(2), Is.EqualTo(new[]
        {
            $"snapshot_restore {pushed} start=False provision=False",
            $"snapshot_delete {pushed}",
        }));
    }

    [Test]
    public async Task BoxOutdated_SkipsAMachineWithBoxCheckUpdateFalse_UnlessForced()
    {
        // Given
        _project.WithVagrantfileText("Vagrant.Configure(config => { config.Vm.Box = \"test/box\"; config.Vm.BoxCheckUpdate = false; });");

        // When
        var skipped = await VnetAsync("box", "outdated");
        var forced = await VnetAsync("box", "outdated", "--force");

        // Then
        Assert.That(skipped.Stdout, Does.Contain("Not checking box 'test/box': vm.BoxCheckUpdate is false for this machine. `vnet box outdated --force` checks it anyway."));
        Assert.That(forced.Stdout, Does.Not.Contain("Not checking").And.Contain("Box 'test/box' for 'actionlog' is not installed yet"));
    }

    [Test]
    public async Task InitTemplate_RendersTheUsersTemplate_WithVagrantsThreeValues()
    {
        // Given
        _project.WithFile("templates/mine.csx.erb", "// box <%= box_name %> v<%= box_version %> from <%= box_url %>\nVagrant.Configure(config => config.Vm.Box = \"<%= box_name %>\");\n");
        var target = Path.Combine(_project.Root, "new");
        Directory.CreateDirectory(target);

        // When: given without its .erb, as Vagrant allows
        var init = await VnetAsync("init", "org/box", "https://example.invalid/box.json", "--box-version", ">= 1", "--template", "templates/mine.csx", "--output", Path.Combine(target, "Vagrantfile.csx"));

        // Then
        Assert.That(init.ExitCode, Is.Zero, init.ToString());
        Assert.That(File.ReadAllText(Path.Combine(target, "Vagrantfile.csx")), Is.EqualTo("// box org/box v>= 1 from https://example.invalid/box.json\nVagrant.Configure(config => config.Vm.Box = \"org/box\");\n"));
    }

    [Test]
    public async Task InitTemplate_RefusesAnErbTagItCannotRender_NamingTheLine()
    {
        // Given
        _project.WithFile("t.erb", "// ok\n<% if box_url %>x<% end %>\n");

        // When
        var init = await VnetAsync("init", "--template", "t.erb", "--output", "-");

        // Then
        Assert.That(init.ExitCode, Is.EqualTo(1));
        Assert.That(init.Stderr, Does.Contain("t.erb line 2 has '<% if box_url %>', which vnet cannot render"));
    }

    [Test]
    public async Task InitTemplate_WithMinimal_IsRefused()
    {
        // Given
        _project.WithFile("t.erb", "// <%= box_name %>\n");

        // When
        var init = await VnetAsync("init", "--template", "t.erb", "--minimal", "--output", "-");

        // Then
        Assert.That(init.ExitCode, Is.EqualTo(1));
        Assert.That(init.Stderr, Does.Contain("--minimal and --template cannot be used together"));
    }
}

/// <summary>A provider whose actions only log what they were asked, and keep an id and snapshot names in memory.</summary>
internal sealed class ActionLogProvider(IMachine machine) : IProvider
{
    public const string Name = "actionlog";

    public static List<string> Log { get; } = [];

    public static List<string> Snapshots { get; } = [];

    public static IVagrantPlugin Plugin { get; } = new ActionLogPlugin();

    public static void Reset()
    {
        Log.Clear();
        Snapshots.Clear();
    }

    public ActionBuilder? Action(string name) => new ActionBuilder().Use(new Record(name));

    public Task<MachineState> StateAsync(CancellationToken cancellation) =>
        Task.FromResult(machine.Id is null ? MachineState.NotCreated : new MachineState("running", "running", "The machine is running."));

    public Task<SshInfo?> SshInfoAsync(CancellationToken cancellation) => Task.FromResult<SshInfo?>(null);

    private sealed class Record(string action) : IAction
    {
        public async Task InvokeAsync(ActionContext context, ActionDelegate next)
        {
            var snapshot = context.GetOrDefault(SnapshotKeys.Name, string.Empty) ?? string.Empty;
            switch (action)
            {
                case ActionNamesWellKnown.Up:
                    context.Machine.Id = Guid.NewGuid().ToString();
                    Log.Add("up");
                    break;
                case ActionNamesWellKnown.Halt or ActionNamesWellKnown.Destroy:
                    Log.Add($"{action} force={context.GetOrDefault(CommandOptionKeys.Force, false)}");
                    break;
                case ActionNamesWellKnown.SnapshotSave:
                    Snapshots.Add(snapshot);
                    Log.Add($"{action} {snapshot}");
                    break;
                case ActionNamesWellKnown.SnapshotDelete:
                    Snapshots.Remove(snapshot);
                    Log.Add($"{action} {snapshot}");
                    break;
                case ActionNamesWellKnown.SnapshotList:
                    context.Set(SnapshotKeys.List, Snapshots.Select(s => new SnapshotInfo(s, DateTimeOffset.UnixEpoch, "running")).ToList());
                    Log.Add(action);
                    break;
                case ActionNamesWellKnown.SnapshotRestore:
                    Log.Add($"{action} {snapshot} start={context.GetOrDefault(SnapshotKeys.Start, true)} provision={context.GetOrDefault(BuiltinKeys.Provision, null)}");
                    break;
                default:
                    Log.Add(action);
                    break;
            }

            if (action == ActionNamesWellKnown.Destroy)
            {
                context.Machine.Id = null;
            }

            await next(context).ConfigureAwait(false);
        }
    }

    private sealed class ActionLogPlugin : IVagrantPlugin
    {
        public void Register(IPluginRegistry registry) => registry.Provider<ActionLogConfig>(m => new ActionLogProvider(m));
    }
}

[ProviderName(ActionLogProvider.Name)]
internal sealed class ActionLogConfig : ProviderConfig
{
}
