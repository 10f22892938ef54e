using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Tests.Support;

/// <summary>A machine for pipeline tests: records UI lines, has no provider behind it.</summary>
internal sealed class FakeMachine : IMachine
{
    private readonly Dictionary<string, string> _state = [];

    public string Name => "default";

    public string ProviderName => "fake";

    public RootConfig Config { get; } = new();

    public ProviderConfig ProviderConfig => throw new NotSupportedException();

    public string DataDirectory => "/nonexistent";

    public string ProjectDirectory => "/nonexistent";

    public string ProjectName => "project";

    public string? Id { get; set; }

    public string? IndexUuid => null;

    public RecordingUi RecordingUi { get; } = new();

    public IMachineUi Ui => RecordingUi;

    public ILogger Logger => NullLogger.Instance;

    public IProvider Provider => throw new NotSupportedException();

    public ICommunicator Communicator => throw new NotSupportedException();

    public IVnetHost Host => throw new NotSupportedException();

    public IGuestCapabilities Guest => throw new NotSupportedException();

    public string? ReadState(string name) => _state.GetValueOrDefault(name);

    public void WriteState(string name, string content, UnixFileMode? mode = null) => _state[name] = content;

    public void DeleteState(string name) => _state.Remove(name);

    public void DeleteAllState() => _state.Clear();

    public Task<MachineState> StateAsync(CancellationToken cancellation) => Task.FromResult(MachineState.NotCreated);

    public Task<SshInfo?> SshInfoAsync(CancellationToken cancellation) => Task.FromResult<SshInfo?>(null);
}
