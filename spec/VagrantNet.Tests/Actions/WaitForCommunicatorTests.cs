using Microsoft.Extensions.Time.Testing;
using VagrantNet.Sdk;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Actions;

[TestFixture]
public class WaitForCommunicatorTests
{
    [Test]
    public async Task Continues_OnceTheCommunicatorAnswers()
    {
        // Given
        using var machine = new TestMachine();
        var communicator = new FakeCommunicator();
        machine.Communicator = communicator;
        var reached = false;
        var builder = new ActionBuilder().Use(new WaitForCommunicator(["running"])).Use(new After(() => reached = true));

        // When
        var run = builder.Build().RunAsync(new ActionContext(machine, CancellationToken.None));
        communicator.Ready.SetResult();
        await run;

        // Then
        Assert.That(reached, Is.True);
        Assert.That(communicator.Timeout, Is.EqualTo(TimeSpan.FromSeconds(300)));
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains("Machine booted and ready!"));
    }

    [Test]
    public async Task FailsFast_WhenTheMachineLeavesTheAllowedStates()
    {
        // Given
        var time = new FakeTimeProvider();
        using var machine = new TestMachine(c => c.Vm.BootTimeout = 600);
        machine.Communicator = new FakeCommunicator();
        var run = new ActionBuilder().Use(new WaitForCommunicator(["running"], time)).Build().RunAsync(new ActionContext(machine, CancellationToken.None));

        // When
        machine.State = new MachineState("shutoff", "shut off", "The machine is not running.");
        for (var i = 0; i < 50 && !run.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(10);
        }

        // Then
        var error = Assert.ThrowsAsync<VnetError>(() => run);
        Assert.That(error!.Message, Does.Contain("Machine 'default'").And.Contain("shut off"));
    }

    [Test]
    public async Task SetHostname_AsksTheGuestAfterTheRest_WhenAHostnameIsSet()
    {
        // Given
        var registry = new Core.Plugins.PluginRegistry();
        var calls = new List<string>();
        registry.Guest("fake", null, "true");
        registry.GuestCapability("fake", GuestCapabilitiesWellKnown.ChangeHostName, (m, hostname, ct) =>
        {
            calls.Add(hostname);
            return Task.FromResult(default(Unit));
        });
        using var machine = new TestMachine(c =>
        {
            c.Vm.Hostname = "web";
            c.Vm.Guest = "fake";
        }, registry);
        var builder = new ActionBuilder().Use(new SetHostname()).Use(new After(() => calls.Add("boot")));

        // When
        await builder.Build().RunAsync(new ActionContext(machine, CancellationToken.None));

        // Then
        Assert.That(calls, Is.EqualTo(new[] { "boot", "web" }));
    }

    private sealed class After(Action action) : IAction
    {
        public async Task InvokeAsync(ActionContext context, ActionDelegate next)
        {
            action();
            await next(context);
        }
    }

    private sealed class FakeCommunicator : ICommunicator
    {
        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TimeSpan? Timeout { get; private set; }

        public Task<bool> ReadyAsync(CancellationToken cancellation) => Task.FromResult(Ready.Task.IsCompleted);

        public Task WaitForReadyAsync(TimeSpan timeout, CancellationToken cancellation)
        {
            Timeout = timeout;
            return Ready.Task.WaitAsync(cancellation);
        }

        public Task<int> ExecuteAsync(string command, ExecuteOptions? options, CancellationToken cancellation) => Task.FromResult(0);

        public Task<bool> TestAsync(string command, bool sudo, CancellationToken cancellation) => Task.FromResult(true);

        public Task UploadAsync(string localPath, string remotePath, CancellationToken cancellation) => Task.CompletedTask;

        public Task DownloadAsync(string remotePath, string localPath, CancellationToken cancellation) => Task.CompletedTask;

        public Task ResetAsync() => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
