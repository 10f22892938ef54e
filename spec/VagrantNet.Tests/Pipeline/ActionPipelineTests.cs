using VagrantNet.Sdk.Pipeline;
using VagrantNet.Testing;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Pipeline;

[TestFixture]
public class ActionPipelineTests
{
    private readonly List<string> _log = [];

    [SetUp]
    public void Clear() => _log.Clear();

    [Test]
    public async Task Steps_RunInOrder_AndWorkAfterNextRunsOnTheWayBack()
    {
        // Given
        var builder = new ActionBuilder().Use(new Step("a", _log)).Use(new Step("b", _log));

        // When
        await builder.Build().RunAsync(Context());

        // Then
        Assert.That(_log, Is.EqualTo(new[] { "a:in", "b:in", "b:out", "a:out" }));
    }

    [Test]
    public void Failure_RecoversEveryEnteredStep_NewestFirst_ThenRethrows()
    {
        // Given
        var builder = new ActionBuilder()
            .Use(new Step("a", _log, recoverable: true))
            .Use(new Step("plain", _log))
            .Use(new Step("b", _log, recoverable: true))
            .Use(new Step("boom", _log, fail: true))
            .Use(new Step("never", _log, recoverable: true));

        // When
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => builder.Build().RunAsync(Context()));

        // Then
        Assert.That(error!.Message, Is.EqualTo("boom failed"));
        Assert.That(_log.Where(l => l.EndsWith(":recover")), Is.EqualTo(new[] { "b:recover", "a:recover" }));
        Assert.That(_log, Does.Not.Contain("never:in"));
    }

    [Test]
    public void Cancellation_IsCheckedBetweenSteps_AndEnteredStepsRecover()
    {
        // Given
        using var interrupt = new CancellationTokenSource();
        var builder = new ActionBuilder()
            .Use(new Step("a", _log, recoverable: true))
            .Use(new Step("interrupts", _log, onInvoke: interrupt.Cancel))
            .Use(new Step("after", _log));

        // When
        Assert.ThrowsAsync<OperationCanceledException>(() => builder.Build().RunAsync(Context(interrupt.Token)));

        // Then
        Assert.That(_log, Does.Not.Contain("after:in"));
        Assert.That(_log, Does.Contain("a:recover"));
    }

    [Test]
    public void Recovery_RunsOnTheRecoveryToken_WhichTheFirstInterruptDoesNotCancel()
    {
        // Given
        using var interrupt = new CancellationTokenSource();
        var seen = new List<bool>();
        var builder = new ActionBuilder()
            .Use(new Step("a", _log, recoverable: true, onRecover: ctx => seen.Add(ctx.RecoveryToken.IsCancellationRequested)))
            .Use(new Step("interrupts", _log, onInvoke: interrupt.Cancel))
            .Use(new Step("after", _log));

        // When
        Assert.ThrowsAsync<OperationCanceledException>(() => builder.Build().RunAsync(Context(interrupt.Token)));

        // Then
        Assert.That(seen, Is.EqualTo(new[] { false }));
    }

    [Test]
    public void FailingRecovery_DoesNotHideTheOriginalError_NorSkipOlderRecoveries()
    {
        // Given
        var builder = new ActionBuilder()
            .Use(new Step("a", _log, recoverable: true))
            .Use(new Step("bad", _log, recoverable: true, onRecover: _ => throw new IOException("cleanup broke")))
            .Use(new Step("boom", _log, fail: true));

        // When
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => builder.Build().RunAsync(Context()));

        // Then
        Assert.That(error!.Message, Is.EqualTo("boom failed"));
        Assert.That(_log, Does.Contain("a:recover"));
    }

    [TestCase(true, "yes")]
    [TestCase(false, "no")]
    public async Task Call_RunsTheBranchForTheConditionsResult_ThenContinues(bool result, string expected)
    {
        // Given
        var builder = new ActionBuilder()
            .Call(new FixedCondition(result), (r, b) => b.Use(new Step(r ? "yes" : "no", _log)))
            .Use(new Step("after", _log));

        // When
        await builder.Build().RunAsync(Context());

        // Then
        Assert.That(_log, Is.EqualTo(new[] { $"{expected}:in", "after:in", "after:out", $"{expected}:out" }));
    }

    [Test]
    public void FailureInsideABranch_RecoversStepsOfTheBranchAndBeforeIt()
    {
        // Given
        var builder = new ActionBuilder()
            .Use(new Step("outer", _log, recoverable: true))
            .Call(new FixedCondition(true), (_, b) => b.Use(new Step("inner", _log, recoverable: true)).Use(new Step("boom", _log, fail: true)));

        // When
        Assert.ThrowsAsync<InvalidOperationException>(() => builder.Build().RunAsync(Context()));

        // Then
        Assert.That(_log.Where(l => l.EndsWith(":recover")), Is.EqualTo(new[] { "inner:recover", "outer:recover" }));
    }

    [Test]
    public async Task InsertBeforeAndAfter_ReachStepsInsideBranches()
    {
        // Given
        var builder = new ActionBuilder()
            .Use(new Step("a", _log))
            .Call(new FixedCondition(true), (_, b) => b.Use(new Marker("target", _log)));
        builder.InsertBefore<Marker>(new Step("before", _log));
        builder.InsertAfter<Marker>(new Step("after", _log));

        // When
        await builder.Build().RunAsync(Context());

        // Then
        Assert.That(_log.Where(l => l.EndsWith(":in")), Is.EqualTo(new[] { "a:in", "before:in", "target:in", "after:in" }));
    }

    [Test]
    public void Describe_ListsTheRecipe_WithBothBranchesOfACall()
    {
        // Given
        var builder = new ActionBuilder()
            .Use(new Step("a", _log))
            .Call(new FixedCondition(true), (r, b) => { if (r) { b.Use(new Step("created", _log)); } });

        // When
        var lines = builder.Describe();

        // Then
        Assert.That(lines, Is.EqualTo(new[] { "Step", "FixedCondition?", "  yes:", "    Step", "  no: (nothing)" }));
    }

    [Test]
    public void Logs_At_Debug_Each_Step_It_Runs_And_Each_It_Recovers()
    {
        // Given
        using var machine = new TestMachine();
        var builder = new ActionBuilder().Use(new Step("a", _log, recoverable: true)).Use(new Step("boom", _log, fail: true));

        // When
        Assert.ThrowsAsync<InvalidOperationException>(() => builder.Build().RunAsync(new ActionContext(machine, CancellationToken.None)));

        // Then: both steps entered, then both recovered (the failing one too), newest first
        var (a, boom) = (ActionNames.InWords(builder.Build().Actions[0]), ActionNames.InWords(builder.Build().Actions[1]));
        Assert.That(machine.CapturingLogger.Messages, Is.EqualTo(new[]
        {
            $"Machine {machine.Name}: step {a}",
            $"Machine {machine.Name}: step {boom}",
            $"Machine {machine.Name}: recovering step {boom}",
            $"Machine {machine.Name}: recovering step {a}",
        }));
    }

    [Test]
    public void Describe_MarksAStepThatWorksAfterTheRest()
    {
        // Given
        var builder = new ActionBuilder().Use(new LateStep()).Use(new Step("a", _log));

        // When
        var lines = builder.Describe();

        // Then
        Assert.That(lines, Is.EqualTo(new[] { "LateStep (after the rest)", "Step" }));
    }

    [Test]
    public void ABuiltBuilder_RefusesMoreSteps_NamingItsSteps()
    {
        // Given
        var builder = new ActionBuilder().Use(new Step("a", _log)).Call(new FixedCondition(true), (_, _) => { });
        builder.Build();

        // When
        var refusals = new TestDelegate[]
        {
            () => builder.Use(new Step("late", _log)),
            () => builder.Use(new ActionBuilder()),
            () => builder.Call(new FixedCondition(true), (_, _) => { }),
            () => builder.InsertBefore<Step>(new Step("late", _log)),
            () => builder.InsertAfter<Step>(new Step("late", _log)),
        }.Select(refusal => Assert.Throws<InvalidOperationException>(refusal)).ToList();

        // Then
        Assert.That(refusals.Select(e => e!.Message), Has.All.StartsWith("The ActionBuilder [Step, FixedCondition?] was already built"));
    }

    private static ActionContext Context(CancellationToken token = default) => new(new FakeMachine(), token);

    private class Step(string name, List<string> log, bool recoverable = false, bool fail = false, Action? onInvoke = null, Action<ActionContext>? onRecover = null) : IAction, IRecoverable
    {
        public async Task InvokeAsync(ActionContext context, ActionDelegate next)
        {
            log.Add($"{name}:in");
            onInvoke?.Invoke();
            if (fail)
            {
                throw new InvalidOperationException($"{name} failed");
            }

            await next(context);
            log.Add($"{name}:out");
        }

        public Task RecoverAsync(ActionContext context, Exception error)
        {
            if (recoverable)
            {
                log.Add($"{name}:recover");
                onRecover?.Invoke(context);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class Marker(string name, List<string> log) : Step(name, log);

    private sealed class LateStep : IAction, IWorksAfterTheRest
    {
        public Task InvokeAsync(ActionContext context, ActionDelegate next) => next(context);
    }

    private sealed class FixedCondition(bool result) : ICondition
    {
        public Task<bool> EvaluateAsync(ActionContext context) => Task.FromResult(result);
    }
}
