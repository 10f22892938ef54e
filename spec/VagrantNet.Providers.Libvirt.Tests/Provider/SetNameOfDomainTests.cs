using VagrantNet.Providers.Libvirt.Actions;
using VagrantNet.Providers.Libvirt.Tests.Interop;
using VagrantNet.Providers.Libvirt.Tests.Support;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

[Category("LibvirtTestDriver")]
public class SetNameOfDomainTests : TestDriverSteps
{
    [Test]
    public async Task SetNameOfDomain_NamesTheDomainAfterProjectAndMachine()
    {
        // Given
        var machine = NewMachine("web");

        // When
        var context = await RunAsync(machine, new ActionBuilder().Use<SetNameOfDomain>());

        // Then
        Assert.That(context.Get(LibvirtKeys.DomainName), Is.EqualTo($"{machine.ProjectName}_web"));
    }

    [Test]
    public async Task SetNameOfDomain_WithDefaultPrefix_UsesThePrefixInsteadOfTheProject()
    {
        // Given
        var machine = NewMachine("web", configureProvider: c => c.DefaultPrefix = "lab-");

        // When
        var context = await RunAsync(machine, new ActionBuilder().Use<SetNameOfDomain>());

        // Then
        Assert.That(context.Get(LibvirtKeys.DomainName), Is.EqualTo("lab-web"));
    }

    [Test]
    public void SetNameOfDomain_WhenAForeignDomainHoldsTheName_RefusesNamingMachineAndDomain()
    {
        // Given: a domain vnet did not create already has the name
        var machine = NewMachine("web");
        var name = $"{machine.ProjectName}_web";
        using var foreign = Libvirt.DefineDomain(TestDriver.DomainXml(name));
        var context = new ActionContext(machine, CancellationToken.None);

        // When
        var error = Assert.ThrowsAsync<LibvirtProviderException>(() => new ActionBuilder().Use<SetNameOfDomain>().Build().RunAsync(context));

        // Then
        Assert.That(error.Message, Does.Contain("Machine 'web'").And.Contain($"'{name}' already exists"));
        Assert.That(context.Has(LibvirtKeys.DomainName), Is.False);
        Assert.That(machine.Id, Is.Null);
        Assert.That(DomainExists(name), Is.True, "the foreign domain is left alone");
    }
}
