using VagrantNet.Providers.Libvirt.Actions;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Tests.Support;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

[Category("LibvirtTestDriver")]
public class DomainLifecycleStepsTests : TestDriverSteps
{
    [Test]
    public async Task StartDomain_StartsTheDefinedDomain()
    {
        // Given
        var machine = await CreatedMachineAsync();
        var context = new ActionContext(machine, CancellationToken.None);
        Assert.That(await new IsCreated().EvaluateAsync(context), Is.True);
        Assert.That(await new IsRunning().EvaluateAsync(context), Is.False);

        // When
        await RunAsync(machine, new ActionBuilder().Use<StartDomain>());

        // Then
        Assert.That(await new IsRunning().EvaluateAsync(context), Is.True);
        Assert.That(machine.LibvirtProvider.Driver.CurrentState(), Is.EqualTo(DomainState.Running));
        Assert.That(machine.RecordingUi.Lines, Has.Member("info: Starting domain."));
    }

    [Test]
    public async Task SuspendRecipe_StopsThePortForwardingBeforePausing()
    {
        // Given
        var machine = await StartedMachineAsync();

        // When
        await RunAsync(machine, LibvirtRecipes.Suspend());

        // Then
        Assert.That(machine.FakeHost.PortForwarder.Calls, Is.EqualTo(new[] { "stop " + machine.Name }));
        Assert.That(machine.LibvirtProvider.Driver.CurrentState(), Is.EqualTo(DomainState.Paused));
    }

    [Test]
    public async Task HaltRecipe_StopsThePortForwarding()
    {
        // Given
        var machine = await StartedMachineAsync();

        // When
        await RunAsync(machine, LibvirtRecipes.Halt());

        // Then
        Assert.That(machine.FakeHost.PortForwarder.Calls, Has.Member("stop " + machine.Name));
    }

    [Test]
    public async Task SuspendDomain_PausesIt_AndResumeDomainRunsItAgain()
    {
        // Given
        var machine = await StartedMachineAsync();
        var context = new ActionContext(machine, CancellationToken.None);

        // When
        await RunAsync(machine, new ActionBuilder().Use<SuspendDomain>());

        // Then
        Assert.That(machine.LibvirtProvider.Driver.CurrentState(), Is.EqualTo(DomainState.Paused));
        Assert.That(await new IsSuspended().EvaluateAsync(context), Is.True);
        Assert.That(await new IsRunning().EvaluateAsync(context), Is.False);

        // When
        await RunAsync(machine, new ActionBuilder().Use<ResumeDomain>());

        // Then: running again, and the communicator reconnects on next use
        Assert.That(machine.LibvirtProvider.Driver.CurrentState(), Is.EqualTo(DomainState.Running));
        Assert.That(await new IsSuspended().EvaluateAsync(context), Is.False);
        Assert.That(machine.UnreachableCommunicator.Resets, Is.EqualTo(1));
    }

    [Test]
    public async Task SuspendDomain_InManagedSaveMode_SavesToDisk_AndResumeDomainRestoresIt()
    {
        // Given
        var machine = await StartedMachineAsync(c => c.SuspendMode = "managedsave");
        var context = new ActionContext(machine, CancellationToken.None);

        // When
        await RunAsync(machine, new ActionBuilder().Use<SuspendDomain>());

        // Then
        Assert.That(machine.LibvirtProvider.Driver.CurrentState(), Is.EqualTo(DomainState.Shutoff));
        Assert.That(await new IsSuspended().EvaluateAsync(context), Is.True);
        Assert.That((await machine.StateAsync(CancellationToken.None)).Id, Is.EqualTo("saved"));

        // When
        await RunAsync(machine, new ActionBuilder().Use<ResumeDomain>());

        // Then
        Assert.That(machine.LibvirtProvider.Driver.CurrentState(), Is.EqualTo(DomainState.Running));
        Assert.That(await new IsSuspended().EvaluateAsync(context), Is.False);
    }

    [Test]
    public async Task HaltDomain_WithForce_PowersOffWithoutAskingTheGuest()
    {
        // Given
        var machine = await StartedMachineAsync();

        // When
        await RunAsync(machine, new ActionBuilder().Use<HaltDomain>(), c => c.Set(CommandOptionKeys.Force, true));

        // Then
        Assert.That(machine.LibvirtProvider.Driver.CurrentState(), Is.EqualTo(DomainState.Shutoff));
        Assert.That(machine.RecordingUi.Lines, Has.Member("info: Forcing shutdown of VM...").And.None.Contains("graceful"));
    }

    [Test]
    public async Task HaltDomain_WithoutForce_WhenTheGuestIsUnreachable_ShutsDownByAcpi()
    {
        // Given: no SSH to the guest; the test driver's domains obey an ACPI shutdown at once
        var machine = await StartedMachineAsync();

        // When
        await RunAsync(machine, new ActionBuilder().Use<HaltDomain>());

        // Then
        Assert.That(machine.LibvirtProvider.Driver.CurrentState(), Is.EqualTo(DomainState.Shutoff));
        Assert.That(machine.RecordingUi.Lines, Has.Member("detail: Sending an ACPI shutdown...").And.No.Member("info: Forcing shutdown of VM..."));
    }

    [Test]
    public async Task HaltRecipe_OnAPausedDomain_ResumesItThenHaltsIt()
    {
        // Given
        var machine = await StartedMachineAsync();
        await RunAsync(machine, new ActionBuilder().Use<SuspendDomain>());

        // When
        await RunAsync(machine, LibvirtRecipes.Halt(), c => c.Set(CommandOptionKeys.Force, true));

        // Then
        Assert.That(machine.LibvirtProvider.Driver.CurrentState(), Is.EqualTo(DomainState.Shutoff));
        Assert.That(machine.RecordingUi.Lines, Has.Member("info: Resuming domain...").And.Member("info: Forcing shutdown of VM..."));
    }
}
