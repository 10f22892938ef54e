using Company.Provider.Actions;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace Company.Provider;

/// <summary>Answers vnet's commands with recipes, and reports the machine's state from its id.</summary>
public sealed class MachineProvider(IMachine machine) : IProvider
{
    public ActionBuilder? Action(string name) => name switch
    {
        ActionNamesWellKnown.Up => new ActionBuilder().Use<CreateMachine>(),
        ActionNamesWellKnown.Destroy => new ActionBuilder().Use<DestroyMachine>(),
        _ => null,
    };

    public Task<MachineState> StateAsync(CancellationToken cancellation) =>
        Task.FromResult(machine.Id is null ? MachineState.NotCreated : new MachineState("running", "running", "The machine is running."));

    /// <summary>Null until the provider knows how to reach its machines over SSH.</summary>
    public Task<SshInfo?> SshInfoAsync(CancellationToken cancellation) => Task.FromResult<SshInfo?>(null);
}
