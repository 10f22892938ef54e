using VagrantNet.Providers.Libvirt.Driver;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

[TestFixture]
public class DriverChoiceTests
{
    private const string Broken = "a test guest under KVM did not finish";

    [Test]
    public void Unset_FallsBackToQemu_WithANotice_WhenKvmCannotRunGuests()
    {
        var choice = DriverChoice.Decide(null, localConnection: true, () => Broken, "web");

        Assert.That(choice.DomainType, Is.EqualTo("qemu"));
        Assert.That(choice.Notice, Does.Contain("KVM is not usable").And.Contain(Broken));
    }

    [Test]
    public void Unset_UsesKvm_WhenTheProbePasses()
    {
        var choice = DriverChoice.Decide(null, localConnection: true, () => null, "web");

        Assert.That(choice, Is.EqualTo(new DriverChoice("kvm", null)));
    }

    [Test]
    public void ForcedKvm_FailsFast_NamingMachineSettingAndReason()
    {
        var error = Assert.Throws<LibvirtProviderException>(() => DriverChoice.Decide("kvm", localConnection: true, () => Broken, "web"));

        Assert.That(error!.Message, Does.Contain("'web'").And.Contain("libvirt.driver").And.Contain(Broken));
    }

    [Test]
    public void ForcedQemu_NeverRunsTheProbe()
    {
        var choice = DriverChoice.Decide("qemu", localConnection: true, () => throw new AssertionException("probe ran"), "web");

        Assert.That(choice.DomainType, Is.EqualTo("qemu"));
    }

    [Test]
    public void RemoteConnection_TrustsWhatIsConfigured_WithoutALocalProbe()
    {
        var choice = DriverChoice.Decide(null, localConnection: false, () => throw new AssertionException("probe ran"), "web");

        Assert.That(choice.DomainType, Is.EqualTo("kvm"));
    }
}
