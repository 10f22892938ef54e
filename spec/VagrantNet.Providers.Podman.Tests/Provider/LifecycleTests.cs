using VagrantNet.Providers.Podman.Tests.Support;
using VagrantNet.Sdk.Machines;
using VagrantNet.Testing;

namespace VagrantNet.Providers.Podman.Tests.Provider;

/// <summary>State, halt and destroy as podman commands, including what a killed first up left.</summary>
public class LifecycleTests
{
    [TestCase("running", "running")]
    [TestCase("exited", "stopped")]
    [TestCase("created", "stopped")]
    [TestCase("paused", "paused")]
    public async Task State_Follows_Podmans_Status(string podmanStatus, string expected)
    {
        // Given
        using var podman = new PodmanMachine();
        podman.Machine.Id = "c0ffee";
        podman.Host.On("podman container inspect --format {{.State.Status}} c0ffee", podmanStatus + "\n");

        // When
        var state = await podman.Machine.Provider.StateAsync(CancellationToken.None);

        // Then
        Assert.That(state.Id, Is.EqualTo(expected));
    }

    [Test]
    public async Task Container_Removed_Outside_Vnet_Is_Not_Created()
    {
        // Given
        using var podman = new PodmanMachine();
        podman.Machine.Id = "c0ffee";
        podman.Host.On("podman container inspect", exit: 125, stderr: "Error: no such container c0ffee");

        // When
        var state = await podman.Machine.Provider.StateAsync(CancellationToken.None);

        // Then
        Assert.That(state.Id, Is.EqualTo(MachineState.NotCreatedId));
    }

    [Test]
    public async Task Halt_Stops_The_Running_Container_Within_The_Graceful_Halt_Timeout()
    {
        // Given
        using var podman = new PodmanMachine(configure: c => c.Vm.GracefulHaltTimeout = 7);
        podman.Machine.Id = "c0ffee";
        podman.Host.On("podman container inspect --format {{.State.Status}} c0ffee", "running\n");

        // When
        await new RecipeFixture(podman.Machine).RunAsync(PodmanRecipes.Halt());

        // Then
        Assert.That(podman.Commands, Has.Some.EqualTo("podman stop --time 7 c0ffee"));
    }

    [Test]
    public async Task Destroy_Removes_The_Container_And_Every_Labelled_One_And_Forgets_The_Machine()
    {
        // Given
        using var podman = new PodmanMachine();
        podman.Machine.Id = "c0ffee";
        podman.Machine.WriteState("action_provision", "1.5:c0ffee");
        podman.Host.On("podman container inspect --format {{.State.Status}} c0ffee", "exited\n").On("podman ps", "c0ffee\nbeef\n");

        // When
        await new RecipeFixture(podman.Machine).RunAsync(PodmanRecipes.Destroy());

        // Then
        Assert.That(podman.Commands.Where(c => c.StartsWith("podman rm", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "podman rm --force --ignore --volumes c0ffee",
            "podman rm --force --ignore --volumes c0ffee",
            "podman rm --force --ignore --volumes beef",
        }));
        Assert.That(podman.Commands, Has.Some.EqualTo($"podman ps --all --quiet --no-trunc --filter label=vnet.project={podman.Machine.ProjectDirectory} --filter label=vnet.machine=web"));
        Assert.That(podman.Machine.Id, Is.Null);
        Assert.That(podman.Machine.ReadState("action_provision"), Is.Null);
    }

    [Test]
    public async Task Destroy_After_An_Up_Killed_Before_The_Id_Was_Written_Removes_The_Labelled_Container()
    {
        // Given
        using var podman = new PodmanMachine();
        podman.Machine.WriteState(MachineStateFiles.CreationJournal, "proj_web");
        podman.Host.On("podman ps", "deadbeef\n");

        // When
        var state = await podman.Machine.Provider.StateAsync(CancellationToken.None);
        await new RecipeFixture(podman.Machine).RunAsync(PodmanRecipes.Destroy());

        // Then
        Assert.That(state, Is.EqualTo(MachineState.Interrupted));
        Assert.That(podman.Commands, Has.Some.EqualTo("podman rm --force --ignore --volumes deadbeef"));
        Assert.That(podman.Machine.ReadState(MachineStateFiles.CreationJournal), Is.Null);
    }

    [Test]
    public async Task Halt_Of_A_Machine_Never_Created_Says_So_And_Runs_Nothing_But_The_Lookup()
    {
        // Given
        using var podman = new PodmanMachine();

        // When
        await new RecipeFixture(podman.Machine).RunAsync(PodmanRecipes.Halt());

        // Then
        Assert.That(podman.Machine.RecordingUi.Lines, Is.EqualTo(new[] { "info: Container is not created. Please run `vnet up` first." }));
        Assert.That(podman.Commands, Is.Empty);
    }
}
