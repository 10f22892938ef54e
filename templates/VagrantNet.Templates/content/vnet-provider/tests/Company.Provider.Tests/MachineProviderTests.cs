using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Testing;

namespace Company.Provider.Tests;

/// <summary>The provider's recipes run on a fake machine, as vnet would run them for <c>vnet up</c> and <c>vnet destroy</c>.</summary>
public class MachineProviderTests
{
    private FakeMachine _machine = null!;

    [SetUp]
    public void CreateMachine()
    {
        _machine = new FakeMachine { ProviderName = "providername" };
        var settings = new Settings();
        settings.FinalizeDefaults();
        _machine.ProviderConfig = settings;
        _machine.Provider = new MachineProvider(_machine);
    }

    [TearDown]
    public void RemoveMachine() => _machine.Dispose();

    [Test]
    public async Task Up_CreatesTheMachine_AndSaysSo()
    {
        // When
        await new RecipeFixture(_machine).RunAsync(_machine.Provider.Action(ActionNamesWellKnown.Up)!);

        // Then
        Assert.That(_machine.Id, Is.Not.Null);
        Assert.That((await _machine.StateAsync(CancellationToken.None)).Id, Is.EqualTo("running"));
        Assert.That(_machine.RecordingUi.Lines, Does.Contain("info: Creating the machine with 1 CPU(s)..."));
    }

    [Test]
    public async Task Up_OnACreatedMachine_SaysSoAndCreatesNothing()
    {
        // Given
        var fixture = new RecipeFixture(_machine);
        await fixture.RunAsync(_machine.Provider.Action(ActionNamesWellKnown.Up)!);

        // When
        await fixture.RunAsync(_machine.Provider.Action(ActionNamesWellKnown.Up)!);

        // Then
        Assert.That(_machine.RecordingUi.Lines.Count(l => l.StartsWith("info: Creating the machine", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(_machine.RecordingUi.Lines, Does.Contain("info: The machine is already created."));
    }

    [Test]
    public async Task Destroy_ForgetsTheMachine()
    {
        // Given
        var fixture = new RecipeFixture(_machine);
        await fixture.RunAsync(_machine.Provider.Action(ActionNamesWellKnown.Up)!);

        // When
        await fixture.RunAsync(_machine.Provider.Action(ActionNamesWellKnown.Destroy)!);

        // Then
        Assert.That(await _machine.StateAsync(CancellationToken.None), Is.EqualTo(MachineState.NotCreated));
    }

    [Test]
    public void NoCpus_IsRefusedByValidation()
    {
        // Given
        var settings = new Settings { Cpus = 0 };
        var errors = new ValidationErrors("default");

        // When
        settings.Validate(errors);

        // Then
        Assert.That(errors.All.Select(e => e.Setting), Is.EqualTo(new[] { "providername.cpus" }));
    }
}
