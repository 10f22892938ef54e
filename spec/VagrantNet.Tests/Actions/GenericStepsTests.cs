using VagrantNet.Sdk;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Testing;

namespace VagrantNet.Tests.Actions;

/// <summary>The SDK's steps every provider's recipes share: HandleBox, the state conditions, Message, ForgetMachine.</summary>
[TestFixture]
public class GenericStepsTests
{
    private FakeMachine _machine = null!;

    [SetUp]
    public void CreateMachine() => _machine = new FakeMachine { Name = "web", ProviderName = "acme" };

    [TearDown]
    public void RemoveMachine() => _machine.Dispose();

    [Test]
    public async Task HandleBox_Hands_On_The_Box_And_Records_It_In_Box_Meta()
    {
        // Given
        _machine.FakeHost.InstallBox("acme/base", "1.2.3", "acme", "{}");

        // When
        var context = await new RecipeFixture(_machine).RunAsync(new ActionBuilder().Use<HandleBox>());

        // Then
        Assert.That(context.Get(BuiltinKeys.Box).Name, Is.EqualTo("acme/base"));
        Assert.That(_machine.ReadState("box_meta"), Is.EqualTo("""{"name":"acme/base","version":"1.2.3","provider":"acme","architecture":"amd64"}"""));
    }

    [Test]
    public void HandleBox_Refuses_A_Box_Made_For_Another_Provider()
    {
        // Given
        _machine.FakeHost.InstallBox("acme/base", "1.2.3", "libvirt", "{}");

        // When
        var error = Assert.ThrowsAsync<VnetError>(() => new RecipeFixture(_machine).RunAsync(new ActionBuilder().Use<HandleBox>()));

        // Then
        Assert.That(error!.Message, Is.EqualTo("Machine 'web': box 'acme/base' (1.2.3) is for the 'libvirt' provider, not 'acme'; use a box made for 'acme' or another provider."));
    }

    [TestCase("running", true, true)]
    [TestCase("shutoff", true, false)]
    [TestCase(MachineState.NotCreatedId, false, false)]
    [TestCase(MachineState.InterruptedId, false, false)]
    public async Task The_Conditions_Follow_The_Providers_State(string state, bool created, bool running)
    {
        // Given
        _machine.State = new MachineState(state, state, state);
        var context = new ActionContext(_machine, CancellationToken.None);

        // When
        var isCreated = await new IsCreated().EvaluateAsync(context);
        var isRunning = await new IsRunning().EvaluateAsync(context);

        // Then
        Assert.That((isCreated, isRunning), Is.EqualTo((created, running)));
    }

    [Test]
    public async Task IsState_Is_True_For_Any_Of_Its_States_And_Describes_Them()
    {
        // Given
        _machine.State = new MachineState("saved", "saved", "saved");
        var condition = new IsState("paused", "saved");

        // When
        var result = await condition.EvaluateAsync(new ActionContext(_machine, CancellationToken.None));

        // Then
        Assert.That(result, Is.True);
        Assert.That(new ActionBuilder().Call(condition, (_, _) => { }).Describe()[0], Is.EqualTo("IsState(paused|saved)?"));
    }

    [Test]
    public async Task Message_Says_Its_Line_And_Stops_The_Branch_Unless_Told_To_Go_On()
    {
        // Given
        var recipe = new ActionBuilder()
            .Use(new Message("Going on.", stop: false))
            .Use(new Message("Not created.", warn: true))
            .Use(new Message("Never said."));

        // When
        await new RecipeFixture(_machine).RunAsync(recipe);

        // Then
        Assert.That(_machine.RecordingUi.Lines, Is.EqualTo(new[] { "info: Going on.", "warn: Not created." }));
    }

    [Test]
    public async Task ForgetMachine_Clears_The_Id_And_Every_State_File()
    {
        // Given
        _machine.Id = "m-1";
        _machine.WriteState("box_meta", "{}");

        // When
        await new RecipeFixture(_machine).RunAsync(new ActionBuilder().Use<ForgetMachine>());

        // Then
        Assert.That(_machine.Id, Is.Null);
        Assert.That(_machine.ReadState("box_meta"), Is.Null);
        Assert.That(_machine.ReadState("id"), Is.Null);
    }
}
