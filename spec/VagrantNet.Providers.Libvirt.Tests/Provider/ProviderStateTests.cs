using VagrantNet.Providers.Libvirt.Tests.Support;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

[Category("LibvirtTestDriver")]
public class ProviderStateTests : TestDriverSteps
{
    [Test]
    public async Task StateAsync_FollowsTheDomainThroughItsLife()
    {
        // Given
        var machine = await CreatedMachineAsync();
        var provider = machine.LibvirtProvider;

        // When / Then
        Assert.That((await provider.StateAsync(CancellationToken.None)).Id, Is.EqualTo("shutoff"));

        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        domain.Create();
        Assert.That((await provider.StateAsync(CancellationToken.None)).Id, Is.EqualTo("running"));

        domain.Suspend();
        var paused = await provider.StateAsync(CancellationToken.None);
        Assert.That(paused.Id, Is.EqualTo("paused"));
        Assert.That(paused.LongDescription, Does.Contain("vnet resume"));

        domain.Destroy();
        Assert.That((await provider.StateAsync(CancellationToken.None)).Id, Is.EqualTo("shutoff"));
    }

    [Test]
    public async Task StateAsync_WhenTheDomainWasRemovedBehindVnetsBack_IsNotCreated()
    {
        // Given
        var machine = await CreatedMachineAsync();
        using (var domain = Libvirt.TryLookupDomain(machine.DomainName)!)
        {
            domain.Undefine();
        }

        // When
        var state = await machine.LibvirtProvider.StateAsync(CancellationToken.None);

        // Then
        Assert.That(state, Is.EqualTo(MachineState.NotCreated));
        Assert.That(machine.Id, Is.Not.Null, "the provider only reports; it does not forget the id");
    }

    [Test]
    public async Task StateAsync_WithoutAnId_IsNotCreated()
    {
        // Given
        var machine = NewMachine();

        // When
        var state = await machine.LibvirtProvider.StateAsync(CancellationToken.None);

        // Then
        Assert.That(state.Id, Is.EqualTo(MachineState.NotCreatedId));
    }

    [Test]
    public async Task RequireDomain_WhenTheDomainIsGone_TellsTheUserToDestroyAndUpAgain()
    {
        // Given
        var machine = await CreatedMachineAsync();
        using (var domain = Libvirt.TryLookupDomain(machine.DomainName)!)
        {
            domain.Undefine();
        }

        // When
        var error = Assert.ThrowsAsync<LibvirtProviderException>(() => RunAsync(machine, new ActionBuilder().Use<Actions.StartDomain>()));

        // Then
        Assert.That(error.Message, Does.Contain("Machine 'default'").And.Contain("vnet destroy"));
    }
}
