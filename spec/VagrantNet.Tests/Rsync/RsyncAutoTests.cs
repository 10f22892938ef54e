using VagrantNet.Core.SyncedFolders;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Config;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Rsync;

[TestFixture]
public class RsyncAutoTests
{
    [Test]
    public async Task AChange_IsSyncedOnceAfterItSettles_AndExcludedPathsAreIgnored()
    {
        // Given
        using var machine = new TestMachine(c => c.Vm.SyncedFolder(".", "/vagrant", exclude: ["*.tmp"]));
        Directory.CreateDirectory(machine.ProjectDirectory);
        var folders = SyncedFolderPlan.For(machine).Single().Folders;
        var synced = 0;
        var auto = new RsyncAuto(machine, folders, (_, _) =>
        {
            Interlocked.Increment(ref synced);
            return Task.CompletedTask;
        })
        { Debounce = TimeSpan.FromMilliseconds(200), InitialSync = false };
        using var stop = new CancellationTokenSource();
        var run = auto.RunAsync(stop.Token);
        await Task.Delay(300);

        // When: a burst of writes, then only an excluded one
        for (var i = 0; i < 5; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(machine.ProjectDirectory, $"f{i}.txt"), "x");
        }

        await WaitFor(() => synced >= 1, TimeSpan.FromSeconds(10));
        await Task.Delay(600);
        var afterBurst = synced;
        await File.WriteAllTextAsync(Path.Combine(machine.ProjectDirectory, "scratch.tmp"), "x");
        await File.WriteAllTextAsync(Path.Combine(machine.ProjectDirectory, ".vnet", "state"), "x");
        await Task.Delay(800);

        // Then
        await stop.CancelAsync();
        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(afterBurst, Is.EqualTo(1));
        Assert.That(synced, Is.EqualTo(1));
    }

    [Test]
    public async Task AFailedSync_IsReported_AndWatchingGoesOn()
    {
        // Given
        using var machine = new TestMachine();
        Directory.CreateDirectory(machine.ProjectDirectory);
        var folders = new[] { SyncedFolderPlan.Resolve(new SyncedFolderDefinition { Id = "x", HostPath = ".", GuestPath = "/x" }, machine.ProjectDirectory) };
        var calls = 0;
        var auto = new RsyncAuto(machine, folders, (_, _) => ++calls == 1 ? throw new InvalidOperationException("rsync broke") : Task.CompletedTask)
        { Debounce = TimeSpan.FromMilliseconds(100) };
        using var stop = new CancellationTokenSource();

        // When
        var run = auto.RunAsync(stop.Token);
        await WaitFor(() => calls == 1, TimeSpan.FromSeconds(5));
        await File.WriteAllTextAsync(Path.Combine(machine.ProjectDirectory, "a.txt"), "x");
        await WaitFor(() => calls == 2, TimeSpan.FromSeconds(10));
        await stop.CancelAsync();

        // Then
        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains("rsync broke"));
        Assert.That(calls, Is.EqualTo(2));
    }

    private static async Task WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }
}
