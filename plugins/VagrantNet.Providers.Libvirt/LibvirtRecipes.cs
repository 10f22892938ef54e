using VagrantNet.Providers.Libvirt.Actions;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt;

/// <summary>The provider's pipelines, one method per command, each readable top to bottom.</summary>
public static class LibvirtRecipes
{
    public static ActionBuilder Up() => new ActionBuilder()
        .Call<IsCreated>((created, b) =>
        {
            if (!created)
            {
                b.Use<SetNameOfDomain>()
                 .Use<HandleStoragePool>()
                 .Use<HandleBox>()
                 .Use<HandleBoxImage>()
                 .Use<CreateDomainVolume>()
                 .Use<PlanNetworkInterfaces>()
                 .Use<CreateNetworks>()
                 .Use<CreateDomain>()
                 .Use<StartDomain>()
                 .Use<WaitForLease>();
                return;
            }

            b.Call<IsRunning>((running, r) =>
            {
                if (running)
                {
                    r.Use(new Message("Domain is already running."));
                    return;
                }

                r.Call<IsSuspended>((suspended, s) =>
                {
                    if (suspended)
                    {
                        s.Use<ResumeDomain>().Use<WaitForLease>();
                    }
                    else
                    {
                        s.Use<StartDomain>().Use<WaitForLease>();
                    }
                });
            });
        });

    public static ActionBuilder Halt() => new ActionBuilder()
        .Call<IsCreated>((created, b) =>
        {
            if (!created)
            {
                b.Use(new Message("Domain is not created. Please run `vnet up` first."));
                return;
            }

            b.Call<IsSuspended>((suspended, s) =>
            {
                if (suspended)
                {
                    // A paused guest cannot shut down by itself: resume it first, as vagrant-libvirt does.
                    s.Use<ResumeDomain>();
                }
            })
            .Call<IsRunning>((running, r) =>
            {
                if (running)
                {
                    r.Use<HaltDomain>();
                }
                else
                {
                    r.Use(new Message("Domain is not running."));
                }
            });
        });

    public static ActionBuilder Suspend() => new ActionBuilder()
        .Call<IsRunning>((running, b) =>
        {
            if (running)
            {
                b.Use<SuspendDomain>();
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
                b.Use<ResumeDomain>().Use<WaitForLease>();
            }
            else
            {
                b.Use(new Message("Domain is not suspended."));
            }
        });

    public static ActionBuilder Reload() => new ActionBuilder()
        .Call<IsCreated>((created, b) =>
        {
            if (!created)
            {
                b.Use(new Message("Domain is not created. Please run `vnet up` first."));
                return;
            }

            b.Call<IsRunning>((running, r) =>
            {
                if (running)
                {
                    r.Use<HaltDomain>();
                }
            })
            .Use<StartDomain>()
            .Use<WaitForLease>();
        });

    public static ActionBuilder Destroy() => new ActionBuilder()
        .Call<IsCreated>((created, b) =>
        {
            if (!created)
            {
                b.Use(new Message("Domain is not created. Please run `vnet up` first."));
            }
        })
        .Use<DestroyDomain>()
        .Use<DestroyNetworks>()
        .Use<ForgetMachine>();

    public static ActionBuilder Provision() => new ActionBuilder()
        .Call<IsRunning>((running, b) =>
        {
            if (!running)
            {
                b.Use(new Message("Domain is not running. Please run `vnet up` first."));
            }
        });
}
