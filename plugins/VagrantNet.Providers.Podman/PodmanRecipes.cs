using VagrantNet.Providers.Podman.Actions;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Podman;

/// <summary>The provider's pipelines, one method per command, each readable top to bottom.</summary>
public static class PodmanRecipes
{
    public static ActionBuilder Up() => new ActionBuilder()
        .Use<UndoInterruptedCreation>()
        .Call<IsCreated>((created, b) =>
        {
            if (!created)
            {
                b.Use<Provision>()
                 .Use<SyncedFolders>()
                 .Use<SetNameOfContainer>()
                 .Use<HandleImage>()
                 .Use<CreateContainer>()
                 .Use(StartAndConnect());
                return;
            }

            b.Call<IsRunning>((running, r) =>
            {
                if (running)
                {
                    r.Use(new Message("Container is already running.", stop: false)).Use<Provision>().Use(WaitForExec());
                    return;
                }

                r.Use<Provision>().Use<SyncedFolders>().Use(StartAndConnect());
            });
        });

    public static ActionBuilder Halt() => WhenCreated(b => b
        .Use<SyncedFolderCleanup>()
        .Call<IsRunning>((running, r) =>
        {
            if (running)
            {
                r.Use<StopContainer>();
            }
            else
            {
                r.Use(new Message("Container is not running."));
            }
        }));

    /// <summary>Stops and starts the container, as a reboot: its files stay, its private networks are attached afresh.</summary>
    public static ActionBuilder Reload() => WhenCreated(b => b
        .Call<IsRunning>((running, r) =>
        {
            if (running)
            {
                r.Use<StopContainer>();
            }
        })
        .Use<Provision>()
        .Use<SyncedFolders>()
        .Use(StartAndConnect()));

    public static ActionBuilder Destroy() => new ActionBuilder()
        .Use<UndoInterruptedCreation>()
        .Call<IsCreated>((created, b) =>
        {
            if (created)
            {
                b.Use<SyncedFolderCleanup>().Use<RemoveContainer>();
            }
        })
        .Use<ForgetMachine>();

    public static ActionBuilder Provision() => new ActionBuilder()
        .Call<IsRunning>((running, b) =>
        {
            if (running)
            {
                b.Use<Provision>();
            }
            else
            {
                b.Use(new Message("Container is not running. Please run `vnet up` first."));
            }
        });

    /// <summary>
    /// Starts the created container and brings it up to date. Provision and SyncedFolders (entered before) do their
    /// work after the rest, so once exec answers the order is: synced folders checked, provisioners.
    /// </summary>
    private static ActionBuilder StartAndConnect() => new ActionBuilder()
        .Use<StartContainer>()
        .Use<AttachPrivateNetworks>()
        .Use(WaitForExec());

    private static ActionBuilder WhenCreated(Action<ActionBuilder> created) =>
        Sdk.Actions.WhenCreated.Then("Container is not created. Please run `vnet up` first.", created);

    /// <summary>Waits for <c>podman exec</c> to answer while the container keeps running.</summary>
    private static WaitForCommunicator WaitForExec() => new([PodmanProvider.RunningId]);
}
