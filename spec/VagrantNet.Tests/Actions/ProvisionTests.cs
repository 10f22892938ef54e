using VagrantNet.Core.Plugins;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Actions;

[TestFixture]
public class ProvisionTests
{
    private readonly List<string> _ran = [];
    private string? _failing;

    [SetUp]
    public void Clear() => _ran.Clear();

    [Test]
    public async Task FirstUp_RunsOnceAndAlways_ThenLaterUpsRunOnlyAlways()
    {
        // Given
        using var machine = Machine(p =>
        {
            p.Add("fake", new FakeConfig(), name: "once");
            p.Add("fake", new FakeConfig(), name: "always", run: Run.Always);
            p.Add("fake", new FakeConfig(), name: "never", run: Run.Never);
        });

        // When
        await Up(machine);
        var first = _ran.ToList();
        _ran.Clear();
        await Up(machine);

        // Then
        Assert.That(first, Is.EqualTo(new[] { "once", "always" }));
        Assert.That(_ran, Is.EqualTo(new[] { "always" }));
        Assert.That(machine.ReadState("action_provision"), Is.EqualTo("1.5:machine-1"));
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains("Machine already provisioned"));
    }

    [Test]
    public async Task ProvisionFlag_RunsOnceOnesAgain_AndNoProvisionRunsNothing()
    {
        // Given
        using var machine = Machine(p =>
        {
            p.Add("fake", new FakeConfig(), name: "once");
            p.Add("fake", new FakeConfig(), name: "always", run: Run.Always);
        });
        await Up(machine);
        _ran.Clear();

        // When
        await Up(machine, provision: true);
        var forced = _ran.ToList();
        _ran.Clear();
        await Up(machine, provision: false);

        // Then
        Assert.That(forced, Is.EqualTo(new[] { "once", "always" }));
        Assert.That(_ran, Is.Empty);
    }

    [Test]
    public async Task NoProvision_OnTheFirstUp_LeavesNoSentinel_SoTheNextUpProvisions()
    {
        // Given
        using var machine = Machine(p => p.Add("fake", new FakeConfig(), name: "once"));

        // When
        await Up(machine, provision: false);
        await Up(machine);

        // Then
        Assert.That(_ran, Is.EqualTo(new[] { "once" }));
    }

    [Test]
    public async Task AFirstProvisioningThatDidNotFinish_LeavesNoSentinel_SoTheNextUpRunsOnceOnesAgain()
    {
        // Given: the second provisioner fails (as a vnet killed during it would not finish either)
        using var machine = Machine(p =>
        {
            p.Add("fake", new FakeConfig(), name: "once");
            p.Add("other", new FakeConfig(), name: "fails");
        });
        _failing = "fails";
        Assert.ThrowsAsync<InvalidOperationException>(() => Up(machine));
        _failing = null;
        _ran.Clear();

        // When
        await Up(machine);

        // Then
        Assert.That(_ran, Is.EqualTo(new[] { "once", "fails" }));
        Assert.That(machine.ReadState("action_provision"), Is.EqualTo("1.5:machine-1"));
    }

    [Test]
    public async Task ASentinelOfAnotherMachineId_CountsAsANewMachine()
    {
        // Given
        using var machine = Machine(p => p.Add("fake", new FakeConfig(), name: "once"));
        machine.WriteState("action_provision", "1.5:an-older-machine");

        // When
        await Up(machine);

        // Then
        Assert.That(_ran, Is.EqualTo(new[] { "once" }));
        Assert.That(machine.ReadState("action_provision"), Is.EqualTo("1.5:machine-1"));
    }

    [Test]
    public async Task ProvisionWith_RunsOnlyTheNamedOrTyped_IncludingNeverOnesByName()
    {
        // Given
        using var machine = Machine(p =>
        {
            p.Add("fake", new FakeConfig(), name: "a");
            p.Add("other", new FakeConfig(), name: "b", run: Run.Always);
            p.Add("fake", new FakeConfig(), name: "c", run: Run.Never);
            p.Add("other", new FakeConfig(), name: "d", run: Run.Never);
        });
        await Up(machine);
        _ran.Clear();

        // When
        await Up(machine, with: ["a", "c"]);
        var byName = _ran.ToList();
        _ran.Clear();
        await Up(machine, with: ["other"]);

        // Then
        Assert.That(byName, Is.EqualTo(new[] { "a", "c" }));
        Assert.That(_ran, Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public async Task BeforeAndAfter_PlaceProvisionersAroundTheirTargets()
    {
        // Given
        using var machine = Machine(p =>
        {
            p.Add("fake", new FakeConfig(), name: "first");
            p.Add("fake", new FakeConfig(), name: "second");
            p.Add("fake", new FakeConfig(), name: "before-second", before: "second");
            p.Add("fake", new FakeConfig(), name: "after-first", after: "first");
            p.Add("fake", new FakeConfig(), name: "around", before: "each");
            p.Add("fake", new FakeConfig(), name: "opening", before: "all");
            p.Add("fake", new FakeConfig(), name: "closing", after: "all");
        });

        // When
        await Up(machine);

        // Then
        Assert.That(_ran, Is.EqualTo(new[]
        {
            "opening",
            "around", "first", "around", "after-first", "around", "before-second", "around", "second",
            "closing",
        }));
    }

    [Test]
    public async Task Provisioning_RunsAfterTheRestOfThePipeline()
    {
        // Given
        using var machine = Machine(p => p.Add("fake", new FakeConfig(), name: "once"));
        var builder = new ActionBuilder().Use(new Provision()).Use(new Inline(() => _ran.Add("boot")));

        // When
        await builder.Build().RunAsync(new ActionContext(machine, CancellationToken.None));

        // Then
        Assert.That(_ran, Is.EqualTo(new[] { "boot", "once" }));
    }

    [Test]
    public void AnUnknownType_FailsNamingItAndTheInstalledOnes()
    {
        // Given
        using var machine = Machine(p => p.Add("chef", new FakeConfig()));

        // When
        var error = Assert.ThrowsAsync<Core.VnetException>(() => Up(machine));

        // Then
        Assert.That(error!.Message, Does.Contain("'chef'").And.Contain("fake, other"));
    }

    private TestMachine Machine(Action<ProvisionConfig> provisioners)
    {
        var registry = new PluginRegistry();
        registry.Provisioner("fake", () => new FakeProvisioner(_ran, () => _failing));
        registry.Provisioner("other", () => new FakeProvisioner(_ran, () => _failing));
        return new TestMachine(c => provisioners(c.Vm.Provision), registry);
    }

    private static async Task Up(IMachine machine, bool? provision = null, IReadOnlyList<string>? with = null)
    {
        var context = new ActionContext(machine, CancellationToken.None);
        if (provision is not null)
        {
            context.Set(BuiltinKeys.Provision, provision);
        }

        if (with is not null)
        {
            context.Set(BuiltinKeys.ProvisionWith, with);
        }

        await new ActionBuilder().Use(new Provision()).Build().RunAsync(context);
    }

    private sealed class FakeConfig : ProvisionerConfig;

    private sealed class FakeProvisioner(List<string> ran, Func<string?> failing) : IProvisioner
    {
        public Task ProvisionAsync(IMachine machine, ProvisionerDefinition definition, CancellationToken cancellation)
        {
            ran.Add(definition.Name ?? definition.Type);
            return definition.Name is { } name && name == failing()
                ? Task.FromException(new InvalidOperationException(name + " failed"))
                : Task.CompletedTask;
        }
    }

    private sealed class Inline(Action action) : IAction
    {
        public async Task InvokeAsync(ActionContext context, ActionDelegate next)
        {
            action();
            await next(context);
        }
    }
}
