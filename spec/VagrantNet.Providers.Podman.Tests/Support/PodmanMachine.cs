using VagrantNet.Sdk.Config;
using VagrantNet.Testing;

namespace VagrantNet.Providers.Podman.Tests.Support;

/// <summary>A fake machine of the podman provider: its finalized config, the real provider, communicator and synced-folder type, host programs scripted.</summary>
internal sealed class PodmanMachine : IDisposable
{
    public PodmanMachine(Action<PodmanConfig>? provider = null, Action<RootConfig>? configure = null, string name = "web")
    {
        Machine = new FakeMachine { Name = name, ProviderName = PodmanConfig.Name, ProjectName = "proj" };
        var config = new PodmanConfig { Image = "localhost/vnet-debian12:latest" };
        provider?.Invoke(config);
        config.FinalizeDefaults();
        configure?.Invoke(Machine.Config);
        Machine.Config.FinalizeDefaults();
        Machine.ProviderConfig = config;
        Machine.Provider = new PodmanProvider(Machine);
        Machine.Communicator = new PodmanCommunicator(Machine) { RetryInterval = TimeSpan.Zero };
        Machine.FakeHost.Processes = Host.Runner;
        Machine.FakeHost.SyncedFolderTypes.Add(new(PodmanSyncedFolder.Type, PodmanPlugin.SyncedFolderPriority, () => new PodmanSyncedFolder()));
        Directory.CreateDirectory(Machine.ProjectDirectory);
    }

    public FakeMachine Machine { get; }

    public ScriptedHost Host { get; } = new();

    public PodmanConfig Config => (PodmanConfig)Machine.ProviderConfig;

    public IReadOnlyList<string> Commands => Host.Runner.CommandLines;

    public void Dispose() => Machine.Dispose();
}
