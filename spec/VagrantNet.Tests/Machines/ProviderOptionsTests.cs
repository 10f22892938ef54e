using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Machines;

/// <summary>
/// What a provider's options change in its machines' config: the communicator used when the Vagrantfile names none (a
/// container provider's exec communicator; <c>vm.communicator</c> still wins, and a provider that names none keeps
/// SSH), and whether an unset <c>vm.box</c> is an error.
/// </summary>
[TestFixture]
public class ProviderOptionsTests
{
    [Test]
    public async Task Machine_Uses_The_Providers_Default_Communicator_When_The_Vagrantfile_Names_None()
    {
        // Given
        using var project = Project("Vagrant.Configure(config => { });");
        await using var environment = await project.LoadEnvironmentAsync();

        // When
        var machine = await environment.MachineAsync("default", ExecProvider.Name, CancellationToken.None);

        // Then
        Assert.That(machine.CommunicatorName, Is.EqualTo("exec"));
        Assert.That(machine.Communicator, Is.InstanceOf<ExecCommunicator>());
    }

    [Test]
    public async Task Vm_Communicator_Wins_Over_The_Providers_Default()
    {
        // Given
        using var project = Project("Vagrant.Configure(config => config.Vm.Communicator = \"ssh\");");
        await using var environment = await project.LoadEnvironmentAsync();

        // When
        var machine = await environment.MachineAsync("default", ExecProvider.Name, CancellationToken.None);

        // Then
        Assert.That(machine.CommunicatorName, Is.EqualTo("ssh"));
    }

    [Test]
    public async Task Provider_That_Names_No_Default_Keeps_Ssh()
    {
        // Given
        using var project = Project("Vagrant.Configure(config => config.Vm.Box = \"vnet/debian12\");");
        await using var environment = await project.LoadEnvironmentAsync();

        // When
        var machine = await environment.MachineAsync("default", RecordingProvider.Name, CancellationToken.None);

        // Then
        Assert.That(machine.CommunicatorName, Is.EqualTo("ssh"));
    }

    [Test]
    public async Task Machine_Of_A_Box_Optional_Provider_Needs_No_Box()
    {
        // Given
        using var project = Project("Vagrant.Configure(config => { });");
        await using var environment = await project.LoadEnvironmentAsync();

        // When
        var machine = await environment.MachineAsync("default", ExecProvider.Name, CancellationToken.None);

        // Then
        Assert.That(machine.Configuration.Errors.All, Is.Empty);
    }

    [Test]
    public async Task Machine_Of_A_Provider_That_Needs_A_Box_Is_Refused_Without_One()
    {
        // Given
        using var project = Project("Vagrant.Configure(config => { });");
        await using var environment = await project.LoadEnvironmentAsync();

        // When
        var machine = await environment.MachineAsync("default", RecordingProvider.Name, CancellationToken.None);

        // Then
        Assert.That(machine.Configuration.Errors.All.Select(e => e.ToString()), Is.EqualTo(new[] { "vm.box: a box must be specified" }));
    }

    private static ProjectFixture Project(string vagrantfile)
    {
        var project = new ProjectFixture().WithVagrantfileText(vagrantfile);
        project.BuiltinPlugins.Add(new ExecPlugin());
        project.BuiltinPlugins.Add(RecordingProvider.Plugin);
        return project;
    }

    private sealed class ExecPlugin : IVagrantPlugin
    {
        public void Register(IPluginRegistry registry)
        {
            registry.Provider<ExecConfig>(_ => new ExecProvider(), new ProviderOptions { BoxOptional = true, DefaultCommunicator = "exec" });
            registry.Communicator("exec", _ => new ExecCommunicator());
        }
    }

    private sealed class ExecProvider : IProvider
    {
        public const string Name = "exec-provider";

        public ActionBuilder? Action(string name) => null;

        public Task<MachineState> StateAsync(CancellationToken cancellation) => Task.FromResult(MachineState.NotCreated);

        public Task<SshInfo?> SshInfoAsync(CancellationToken cancellation) => Task.FromResult<SshInfo?>(null);
    }

    [ProviderName(ExecProvider.Name)]
    private sealed class ExecConfig : ProviderConfig
    {
    }

    private sealed class ExecCommunicator : ICommunicator
    {
        public Task<bool> ReadyAsync(CancellationToken cancellation) => Task.FromResult(true);

        public Task WaitForReadyAsync(TimeSpan timeout, CancellationToken cancellation) => Task.CompletedTask;

        public Task<int> ExecuteAsync(string command, ExecuteOptions? options, CancellationToken cancellation) => Task.FromResult(0);

        public Task<bool> TestAsync(string command, bool sudo, CancellationToken cancellation) => Task.FromResult(true);

        public Task UploadAsync(string localPath, string remotePath, CancellationToken cancellation) => Task.CompletedTask;

        public Task DownloadAsync(string remotePath, string localPath, CancellationToken cancellation) => Task.CompletedTask;

        public Task ResetAsync() => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
