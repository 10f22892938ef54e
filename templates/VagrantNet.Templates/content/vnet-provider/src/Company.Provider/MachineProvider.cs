using Company.Provider.Actions;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace Company.Provider;

/// <summary>Answers vnet's commands with recipes, and reports the machine's state from its id.</summary>
public sealed class MachineProvider(IMachine machine) : IProvider
{
    public ActionBuilder? Action(string name) => name switch
    {
        ActionNamesWellKnown.Up => Up(),
        ActionNamesWellKnown.Destroy => Destroy(),
        _ => null,
    };

    // IsCreated asks StateAsync below; Message and ForgetMachine are the SDK's, as they are for every provider.
    private static ActionBuilder Up() => new ActionBuilder()
        .Call<IsCreated>((created, b) =>
        {
            if (created)
            {
                b.Use(new Message("The machine is already created."));
            }
            else
            {
                b.Use<CreateMachine>();
            }
        });

    private static ActionBuilder Destroy() => new ActionBuilder()
        .Call<IsCreated>((created, b) =>
        {
            if (created)
            {
                b.Use<DestroyMachine>();
            }
        })
        .Use<ForgetMachine>();

    public Task<MachineState> StateAsync(CancellationToken cancellation) =>
        Task.FromResult(machine.Id is null ? MachineState.NotCreated : new MachineState("running", "running", "The machine is running."));

    /// <summary>Null until the provider knows how to reach its machines over SSH.</summary>
    public Task<SshInfo?> SshInfoAsync(CancellationToken cancellation) => Task.FromResult<SshInfo?>(null);
}
