using VagrantNet.Providers.Libvirt.Actions;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt;

/// <summary>The provider's pipelines, one method per command, each readable top to bottom.</summary>
public static class LibvirtRecipes
{
    public static ActionBuilder Up() => new ActionBuilder()
        .Use<UndoInterruptedCreation>()
        .Call<IsCreated>((created, b) =>
        {
            if (!created)
            {
                b.Use(Creation()).Use(StartAndConnect());
                return;
            }

            b.Call<IsRunning>((running, r) =>
            {
                if (running)
                {
                    // Nothing to start, but it may still be booting: wait for it to answer, then `up --provision` still
                    // provisions, and run: always ones run.
                    r.Use(new Message("Domain is already running.", stop: false)).Use(Boxed(c => c.Use<Provision>().Use<WaitForLease>().Use(WaitForSsh())));
                    return;
                }

                r.Call<IsSuspended>((suspended, s) => s.Use(suspended ? ResumeAndConnect() : StartAndConnect()));
            });
        });

    public static ActionBuilder Halt() => WhenCreated(b => b.Use(StopGuest(whenStopped: "Domain is not running.")));

    public static ActionBuilder Suspend() => new ActionBuilder()
        .Call<IsRunning>((running, b) =>
        {
            if (running)
            {
                b.Use<ClearForwardedPorts>().Use<SuspendDomain>();
            }
            else
            {
                b.Use(new Message("Domain is not running; nothing to suspend."));
            }
        });

    public static ActionBuilder Resume() => new ActionBuilder()
        .Call<IsSuspended>((suspended, b) =>
        {
            if (suspended)
            {
                b.Use(ResumeAndConnect());
            }
            else
            {
                b.Use(new Message("Domain is not suspended."));
            }
        });

    public static ActionBuilder Reload() => WhenCreated(b => b
        .Use<ClearForwardedPorts>()
        .Call<IsRunning>((running, r) =>
        {
            if (running)
            {
                r.Use<HaltDomain>();
            }
        })
        .Use(StartAndConnect()));

    public static ActionBuilder Destroy() => new ActionBuilder()
        .Use<UndoInterruptedCreation>()
        .Call<IsCreated>((created, b) =>
        {
            if (created)
            {
                b.Use<ClearForwardedPorts>()
                 .Use<SyncedFolderCleanup>()
                 .Use<DestroyDomain>()
                 .Use<DestroyNetworks>();
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
                b.Use(new Message("Domain is not running. Please run `vnet up` first."));
            }
        });

    public static ActionBuilder SnapshotSave() => WhenCreated(b => b.Use<SaveSnapshot>());

    public static ActionBuilder SnapshotRestore() => WhenCreated(b => b
        .Use<ClearForwardedPorts>()
        .Use<Provision>()
        .Use<RestoreSnapshot>()
        .Use(Boxed(c => c.Use<WaitForLease>().Use(WaitForSsh()).Use<ForwardPorts>())));

    public static ActionBuilder SnapshotDelete() => WhenCreated(b => b.Use<DeleteSnapshot>());

    public static ActionBuilder SnapshotList() => new ActionBuilder().Use<ListSnapshots>();

    /// <summary>As vagrant-libvirt: a running machine is halted first (never refused), then its disk becomes the box's.</summary>
    public static ActionBuilder Package() => WhenCreated(b => b.Use(StopGuest(whenStopped: null)).Use<PackageDomain>());

    /// <summary>
    /// The first <c>up</c>'s steps that leave a defined domain: its name, the journal that undoes a failed creation, the
    /// pool, box and box image, the domain's volumes and networks, then the domain itself.
    /// </summary>
    internal static ActionBuilder Creation() => new ActionBuilder()
        .Use<SetNameOfDomain>()
        .Use<BeginCreation>()
        .Use<HandleStoragePool>()
        .Call<HasBox>((boxed, b) =>
        {
            if (boxed)
            {
                b.Use<HandleBox>().Use<HandleBoxImage>();
            }
        })
        .Use<CreateDomainVolume>()
        .Use<CreateExtraDisks>()
        .Use<CreateCloudInitSeed>()
        .Use<PlanNetworkInterfaces>()
        .Use<CreateNetworks>()
        .Use<CreateDomain>();

    /// <summary>
    /// Brings the defined domain up to date with the config, boots it and brings the guest up to date. Provision, SyncedFolders and SetHostname do their guest
    /// work after the rest, so once SSH answers the order is: guest networks, forwarded ports, hostname, synced folders,
    /// provisioners. A box-less machine is only started (vagrant-libvirt's "no box" start): no guest work, no SSH wait.
    /// </summary>
    private static ActionBuilder StartAndConnect() => new ActionBuilder()
        .Call<HasBox>((boxed, b) =>
        {
            if (!boxed)
            {
                b.Use<UpdateDomainDefinition>().Use<StartDomain>().Use(new Message(BoxlessNotice, stop: false));
                return;
            }

            b.Use<Provision>()
             .Use<SyncedFolders>()
             .Use<UpdateDomainDefinition>()
             .Use<StartDomain>()
             .Use<WaitForLease>()
             .Use(WaitForSsh())
             .Use<SetHostname>()
             .Use<ConfigureGuestNetworks>()
             .Use<ForwardPorts>();
        });

    /// <summary>Continues a suspended domain: its folders and networks are as they were, so only ports come back.</summary>
    private static ActionBuilder ResumeAndConnect() => new ActionBuilder()
        .Use<Provision>()
        .Use<ResumeDomain>()
        .Use(Boxed(c => c.Use<WaitForLease>().Use(WaitForSsh()).Use<ForwardPorts>()));

    /// <summary>
    /// Brings a created guest to a stop, as <c>halt</c> does: forwarded ports and folder mounts released, a paused guest
    /// resumed first (it cannot shut down by itself, as vagrant-libvirt knows), a running one shut down; a guest already
    /// stopped gets <paramref name="whenStopped"/>, when given.
    /// </summary>
    private static ActionBuilder StopGuest(string? whenStopped) => new ActionBuilder()
        .Use<ClearForwardedPorts>()
        .Use<SyncedFolderCleanup>()
        .Call<IsSuspended>((suspended, s) =>
        {
            if (suspended)
            {
                s.Use<ResumeDomain>();
            }
        })
        .Call<IsRunning>((running, r) =>
        {
            if (running)
            {
                r.Use<HaltDomain>();
            }
            else if (whenStopped is not null)
            {
                r.Use(new Message(whenStopped));
            }
        });

    /// <summary>
    /// Runs the steps <paramref name="created"/> adds on a created domain; says so when there is none. The steps are added
    /// afresh each time the branch is built, so hooks applied to one build never leak into the next.
    /// </summary>
    private static ActionBuilder WhenCreated(Action<ActionBuilder> created) =>
        Sdk.Actions.WhenCreated.Then("Domain is not created. Please run `vnet up` first.", created);

    /// <summary>What <c>up</c> says of a box-less machine it has started, in place of waiting for it.</summary>
    private const string BoxlessNotice = "The machine has no box: vnet does not wait for it to answer, nor configure, provision or share folders with it. It boots by itself (from its disk, CD-ROM or the network, as libvirt.boot says).";

    /// <summary>
    /// Adds the steps <paramref name="steps"/> adds when the machine has a box; a box-less machine has nothing that would
    /// answer them, so it is told so instead.
    /// </summary>
    private static ActionBuilder Boxed(Action<ActionBuilder> steps) => new ActionBuilder()
        .Call<HasBox>((boxed, b) =>
        {
            if (boxed)
            {
                steps(b);
                return;
            }

            b.Use(new Message(BoxlessNotice, stop: false));
        });

    /// <summary>Waits for SSH while the domain keeps running; a domain that stops fails the wait at once.</summary>
    private static WaitForCommunicator WaitForSsh() => new(["running"]);
}
