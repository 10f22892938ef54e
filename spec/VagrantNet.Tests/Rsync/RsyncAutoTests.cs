using Microsoft.Extensions.Time.Testing;
using VagrantNet.Core.SyncedFolders;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Config;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Rsync;

/// <summary>
/// rsync-auto's watch with its debounce on a fake clock: the file events are real, but a sync happens only when the
/// test moves time on, so counts are exact without timing real windows.
/// </summary>
[TestFixture]
public class RsyncAutoTests
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(500);

    /// <summary>Real time given to the watcher to deliver the events of a write.</summary>
    private static readonly TimeSpan EventsArrive = TimeSpan.FromMilliseconds(300);

    [Test]
    public async Task ABurstOfChanges_IsSyncedOnce_AndOnlyAfterTheDebounce()
    {
        // Given
        using var machine = new TestMachine(c => c.Vm.SyncedFolder(".", "/vagrant", exclude: ["*.tmp"]));
        Directory.CreateDirectory(machine.ProjectDirectory);
        var time = new FakeTimeProvider();
        var synced = 0;
        var auto = Watch(machine, time, () => Interlocked.Increment(ref synced));
        using var stop = new CancellationTokenSource();
        var run = auto.RunAsync(stop.Token);
        await Task.Delay(EventsArrive);

        // When
        for (var i = 0; i < 5; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(machine.ProjectDirectory, $"f{i}.txt"), "x");
        }

        await Task.Delay(EventsArrive);
        var beforeTheDebounce = synced;
        await AdvanceUntil(time, () => synced > 0);

        // Then
        await stop.CancelAsync();
        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(beforeTheDebounce, Is.Zero);
        Assert.That(synced, Is.EqualTo(1));
    }

    [Test]
    public async Task ChangesUnderExcludedPaths_AreNotSynced()
    {
        // Given
        using var machine = new TestMachine(c => c.Vm.SyncedFolder(".", "/vagrant", exclude: ["*.tmp"]));
        Directory.CreateDirectory(Path.Combine(machine.ProjectDirectory, ".vnet"));
        var time = new FakeTimeProvider();
        var synced = 0;
        var auto = Watch(machine, time, () => Interlocked.Increment(ref synced));
        using var stop = new CancellationTokenSource();
        var run = auto.RunAsync(stop.Token);
        await Task.Delay(EventsArrive);

        // When
        await File.WriteAllTextAsync(Path.Combine(machine.ProjectDirectory, "scratch.tmp"), "x");
        await File.WriteAllTextAsync(Path.Combine(machine.ProjectDirectory, ".vnet", "state"), "x");
        await Task.Delay(EventsArrive);
        for (var i = 0; i < 4; i++)
        {
            time.Advance(Debounce);
            await Task.Delay(20);
        }

        // Then
        await stop.CancelAsync();
        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(synced, Is.Zero);
    }

    [Test]
    public async Task AFailedSync_IsReported_AndWatchingGoesOn()
    {
        // Given
        using var machine = new TestMachine();
        Directory.CreateDirectory(machine.ProjectDirectory);
        var folders = new[] { SyncedFolderPlan.Resolve(new SyncedFolderDefinition { Id = "x", HostPath = ".", GuestPath = "/x" }, machine.ProjectDirectory) };
        var time = new FakeTimeProvider();
        var calls = 0;
        var auto = new RsyncAuto(machine, folders, (_, _) => Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("rsync broke") : Task.CompletedTask, time)
        { Debounce = Debounce };
        using var stop = new CancellationTokenSource();

        // When: the initial sync fails, then a change comes
        var run = auto.RunAsync(stop.Token);
        await WaitFor(() => calls == 1);
        await Task.Delay(EventsArrive);
        await File.WriteAllTextAsync(Path.Combine(machine.ProjectDirectory, "a.txt"), "x");
        await AdvanceUntil(time, () => calls == 2);
        await stop.CancelAsync();

        // Then
        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains("rsync broke"));
        Assert.That(calls, Is.EqualTo(2));
    }

    private static RsyncAuto Watch(TestMachine machine, TimeProvider time, Action onSync) =>
        new(machine, SyncedFolderPlan.For(machine).Single().Folders, (_, _) =>
        {
            onSync();
            return Task.CompletedTask;
        }, time)
        { Debounce = Debounce, InitialSync = false };

    /// <summary>Moves the fake clock on one debounce at a time, letting the watch run between steps, until <paramref name="condition"/> holds.</summary>
    private static async Task AdvanceUntil(FakeTimeProvider time, Func<bool> condition)
    {
        for (var step = 0; step < 200 && !condition(); step++)
        {
            time.Advance(Debounce);
            await Task.Delay(20);
        }
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }
}
