using VagrantNet.Core.Plugins;
using VagrantNet.Sdk;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Actions;

[TestFixture]
public class SyncedFolderStepsTests
{
    private readonly List<string> _log = [];

    [SetUp]
    public void Clear() => _log.Clear();

    [Test]
    public async Task FoldersWithoutAType_GoToTheUsableTypeWithTheHighestPriority_PreparedBeforeAndEnabledAfterTheRest()
    {
        // Given: "fast" outranks "slow" but cannot be used here
        using var machine = Machine(r =>
        {
            r.SyncedFolder("slow", 5, () => new FakeFolder("slow", _log));
            r.SyncedFolder("fast", 10, () => new FakeFolder("fast", _log, unusable: "no server"));
        });
        var builder = new ActionBuilder().Use(new SyncedFolders()).Use(new Step(() => _log.Add("boot")));

        // When
        await builder.Build().RunAsync(new ActionContext(machine, CancellationToken.None));

        // Then
        Assert.That(_log, Is.EqualTo(new[] { $"slow:prepare:{machine.ProjectDirectory}", "boot", $"slow:enable:{machine.ProjectDirectory}" }));
        Assert.That(SyncedFolders.RecordedTypes(machine), Is.EqualTo(new[] { "slow" }));
    }

    [Test]
    public async Task AnExplicitType_IsUsed_AndRelativeHostPathsResolveAgainstTheProject()
    {
        // Given
        using var machine = Machine(
            r =>
            {
                r.SyncedFolder("slow", 5, () => new FakeFolder("slow", _log));
                r.SyncedFolder("fast", 10, () => new FakeFolder("fast", _log));
            },
            c => c.Vm.SyncedFolder("data", "/data", type: "slow", create: true));

        // When
        await new ActionBuilder().Use(new SyncedFolders()).Build().RunAsync(new ActionContext(machine, CancellationToken.None));

        // Then
        Assert.That(_log, Does.Contain($"slow:enable:{Path.Combine(machine.ProjectDirectory, "data")}"));
        Assert.That(_log, Does.Contain($"fast:enable:{machine.ProjectDirectory}"));
        Assert.That(Directory.Exists(Path.Combine(machine.ProjectDirectory, "data")), Is.True);
    }

    [Test]
    public void AnUnknownType_FailsNamingTheInstalledTypes()
    {
        // Given
        using var machine = Machine(r => r.SyncedFolder("slow", 5, () => new FakeFolder("slow", _log)), c => c.Vm.SyncedFolder(".", "/vagrant", type: "nfs"));

        // When
        var error = Assert.ThrowsAsync<VnetError>(() => new ActionBuilder().Use(new SyncedFolders()).Build().RunAsync(new ActionContext(machine, CancellationToken.None)));

        // Then
        Assert.That(error!.Message, Does.Contain("'nfs'").And.Contain("Installed types: slow"));
    }

    [Test]
    public void AMissingHostPath_FailsUnlessCreateIsSet()
    {
        // Given
        using var machine = Machine(r => r.SyncedFolder("slow", 5, () => new FakeFolder("slow", _log)), c => c.Vm.SyncedFolder("missing", "/missing"));

        // When
        var error = Assert.ThrowsAsync<VnetError>(() => new ActionBuilder().Use(new SyncedFolders()).Build().RunAsync(new ActionContext(machine, CancellationToken.None)));

        // Then
        Assert.That(error!.Message, Does.Contain("/missing").And.Contain("create: true"));
    }

    [Test]
    public async Task DisabledFolders_AreLeftAlone()
    {
        // Given
        using var machine = Machine(r => r.SyncedFolder("slow", 5, () => new FakeFolder("slow", _log)), c => c.Vm.SyncedFolder(".", "/vagrant", disabled: true));

        // When
        await new ActionBuilder().Use(new SyncedFolders()).Build().RunAsync(new ActionContext(machine, CancellationToken.None));

        // Then
        Assert.That(_log, Is.Empty);
    }

    [Test]
    public async Task Cleanup_CleansTheTypesTheLastUpUsed()
    {
        // Given
        using var machine = Machine(r =>
        {
            r.SyncedFolder("slow", 5, () => new FakeFolder("slow", _log));
            r.SyncedFolder("other", 1, () => new FakeFolder("other", _log));
        });
        await new ActionBuilder().Use(new SyncedFolders()).Build().RunAsync(new ActionContext(machine, CancellationToken.None));
        _log.Clear();

        // When
        await new ActionBuilder().Use(new SyncedFolderCleanup()).Build().RunAsync(new ActionContext(machine, CancellationToken.None));

        // Then
        Assert.That(_log, Is.EqualTo(new[] { "slow:cleanup" }));
    }

    private static TestMachine Machine(Action<PluginRegistry> register, Action<RootConfig>? configure = null)
    {
        var registry = new PluginRegistry();
        register(registry);
        var machine = new TestMachine(configure, registry);
        Directory.CreateDirectory(machine.ProjectDirectory);
        return machine;
    }

    private sealed class FakeFolder(string name, List<string> log, string? unusable = null) : ISyncedFolder
    {
        public string? Usable(IMachine machine) => unusable;

        public Task PrepareAsync(IMachine machine, IReadOnlyList<SyncedFolderDefinition> folders, CancellationToken cancellation) =>
            Record("prepare", folders);

        public Task EnableAsync(IMachine machine, IReadOnlyList<SyncedFolderDefinition> folders, CancellationToken cancellation) =>
            Record("enable", folders);

        public Task DisableAsync(IMachine machine, IReadOnlyList<SyncedFolderDefinition> folders, CancellationToken cancellation) =>
            Record("disable", folders);

        public Task CleanupAsync(IMachine machine, CancellationToken cancellation)
        {
            log.Add($"{name}:cleanup");
            return Task.CompletedTask;
        }

        private Task Record(string what, IReadOnlyList<SyncedFolderDefinition> folders)
        {
            log.AddRange(folders.Select(f => $"{name}:{what}:{f.HostPath}"));
            return Task.CompletedTask;
        }
    }

    private sealed class Step(Action action) : IAction
    {
        public async Task InvokeAsync(ActionContext context, ActionDelegate next)
        {
            action();
            await next(context);
        }
    }
}
