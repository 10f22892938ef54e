using VagrantNet.Providers.Podman.Driver;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Providers.Podman;

/// <summary>The podman provider for one machine: its recipes, the container's live state, and no SSH (it has no sshd).</summary>
public sealed class PodmanProvider(IMachine machine) : IProvider
{
    public const string RunningId = IsRunning.RunningId;

    public ActionBuilder? Action(string name) => name switch
    {
        ActionNamesWellKnown.Up => PodmanRecipes.Up(),
        ActionNamesWellKnown.Halt => PodmanRecipes.Halt(),
        ActionNamesWellKnown.Reload => PodmanRecipes.Reload(),
        ActionNamesWellKnown.Destroy => PodmanRecipes.Destroy(),
        ActionNamesWellKnown.Provision => PodmanRecipes.Provision(),
        _ => null,
    };

    public async Task<MachineState> StateAsync(CancellationToken cancellation)
    {
        var driver = new PodmanDriver(machine);
        if (machine.Id is not { } id)
        {
            // Asked only while a creation journal exists: a killed first up, whose container may exist without an id.
            return machine.ReadState(MachineStateFiles.CreationJournal) is not null
                && (await driver.LabelledContainersAsync(cancellation).ConfigureAwait(false)).Count > 0
                ? MachineState.Interrupted
                : MachineState.NotCreated;
        }

        return await driver.StatusAsync(id, cancellation).ConfigureAwait(false) switch
        {
            null => MachineState.NotCreated,
            "running" => new(RunningId, "running", "The container is running. To stop it, run `vnet halt`; to remove it, `vnet destroy`. Reach it with `vnet ssh -c COMMAND`."),
            "paused" => new("paused", "paused", "The container is paused (`podman pause`); `podman unpause` continues it."),
            var other => new("stopped", "stopped", $"The container is not running (podman: {other}). Run `vnet up` to start it."),
        };
    }

    /// <summary>Always null: a container is reached with <c>podman exec</c> (the podman communicator), not SSH.</summary>
    public Task<SshInfo?> SshInfoAsync(CancellationToken cancellation) => Task.FromResult<SshInfo?>(null);
}
