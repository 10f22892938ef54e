using VagrantNet.Providers.Libvirt.Actions;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Tests.Support;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

/// <summary>The snapshot steps against the test driver, which keeps snapshots as libvirt does (their disks aside).</summary>
[Category("LibvirtTestDriver")]
public class SnapshotStepsTests : TestDriverSteps
{
    [Test]
    public async Task Save_Then_List_Shows_The_Snapshots_Oldest_First()
    {
        // Given
        var machine = await StartedMachineAsync();

        // When
        await RunAsync(machine, new ActionBuilder().Use<SaveSnapshot>(), c => c.Set(SnapshotKeys.Name, "clean"));
        await RunAsync(machine, new ActionBuilder().Use<SaveSnapshot>(), c => c.Set(SnapshotKeys.Name, "configured"));
        var context = await RunAsync(machine, LibvirtRecipes.SnapshotList());

        // Then
        Assert.That(context.Get(SnapshotKeys.List).Select(s => s.Name), Is.EqualTo(new[] { "clean", "configured" }));
        Assert.That(context.Get(SnapshotKeys.List).Select(s => s.State), Is.All.EqualTo("running"));
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains("Snapshot 'clean' saved."));
    }

    [Test]
    public async Task Save_Refuses_A_Name_The_Machine_Already_Has()
    {
        // Given
        var machine = await StartedMachineAsync();
        await RunAsync(machine, new ActionBuilder().Use<SaveSnapshot>(), c => c.Set(SnapshotKeys.Name, "clean"));

        // When
        var error = Assert.ThrowsAsync<LibvirtProviderException>(() => RunAsync(machine, new ActionBuilder().Use<SaveSnapshot>(), c => c.Set(SnapshotKeys.Name, "clean")));

        // Then
        Assert.That(error!.Message, Does.Contain("already has a snapshot named 'clean'").And.Contain("vnet snapshot delete"));
    }

    [Test]
    public async Task Restore_Returns_A_Paused_Domain_To_Running_And_Reconnects_The_Communicator()
    {
        // Given: a snapshot of the running domain, which is then paused
        var machine = await StartedMachineAsync();
        await RunAsync(machine, new ActionBuilder().Use<SaveSnapshot>(), c => c.Set(SnapshotKeys.Name, "running"));
        await RunAsync(machine, new ActionBuilder().Use<SuspendDomain>());

        // When
        await RunAsync(machine, new ActionBuilder().Use<RestoreSnapshot>(), c => c.Set(SnapshotKeys.Name, "running"));

        // Then
        Assert.That(machine.LibvirtProvider.Driver.CurrentState(), Is.EqualTo(DomainState.Running));
        Assert.That(machine.UnreachableCommunicator.Resets, Is.EqualTo(1));
    }

    [Test]
    public async Task Restore_Of_An_Unknown_Name_Lists_The_Snapshots_There_Are()
    {
        // Given
        var machine = await StartedMachineAsync();
        await RunAsync(machine, new ActionBuilder().Use<SaveSnapshot>(), c => c.Set(SnapshotKeys.Name, "clean"));

        // When
        var error = Assert.ThrowsAsync<LibvirtProviderException>(() => RunAsync(machine, new ActionBuilder().Use<RestoreSnapshot>(), c => c.Set(SnapshotKeys.Name, "clena")));

        // Then
        Assert.That(error!.Message, Is.EqualTo($"Machine '{machine.Name}' has no snapshot named 'clena'. Its snapshots: clean."));
    }

    [Test]
    public async Task Delete_Removes_Only_The_Named_Snapshot()
    {
        // Given
        var machine = await StartedMachineAsync();
        await RunAsync(machine, new ActionBuilder().Use<SaveSnapshot>(), c => c.Set(SnapshotKeys.Name, "a"));
        await RunAsync(machine, new ActionBuilder().Use<SaveSnapshot>(), c => c.Set(SnapshotKeys.Name, "b"));

        // When
        await RunAsync(machine, LibvirtRecipes.SnapshotDelete(), c => c.Set(SnapshotKeys.Name, "a"));

        // Then
        var context = await RunAsync(machine, LibvirtRecipes.SnapshotList());
        Assert.That(context.Get(SnapshotKeys.List).Select(s => s.Name), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public async Task List_Of_A_Machine_Not_Created_Is_Empty()
    {
        // Given
        var machine = NewMachine();

        // When
        var context = await RunAsync(machine, LibvirtRecipes.SnapshotList());

        // Then
        Assert.That(context.Get(SnapshotKeys.List), Is.Empty);
    }
}
