using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Providers.Libvirt;

/// <summary>The libvirt provider for one machine: its recipes, its live state and how to reach it.</summary>
public sealed class LibvirtProvider : IProvider, IDisposable
{
    private readonly IMachine _machine;

    public LibvirtProvider(IMachine machine)
    {
        _machine = machine;
        Driver = new LibvirtDriver(machine);
    }

    /// <summary>How the steps reach libvirt for this machine (<c>context.Driver()</c>).</summary>
    internal LibvirtDriver Driver { get; }

    public ActionBuilder? Action(string name) => name switch
    {
        ActionNamesWellKnown.Up => LibvirtRecipes.Up(),
        ActionNamesWellKnown.Halt => LibvirtRecipes.Halt(),
        ActionNamesWellKnown.Suspend => LibvirtRecipes.Suspend(),
        ActionNamesWellKnown.Resume => LibvirtRecipes.Resume(),
        ActionNamesWellKnown.Reload => LibvirtRecipes.Reload(),
        ActionNamesWellKnown.Destroy => LibvirtRecipes.Destroy(),
        ActionNamesWellKnown.Provision => LibvirtRecipes.Provision(),
        ActionNamesWellKnown.SnapshotSave => LibvirtRecipes.SnapshotSave(),
        ActionNamesWellKnown.SnapshotRestore => LibvirtRecipes.SnapshotRestore(),
        ActionNamesWellKnown.SnapshotDelete => LibvirtRecipes.SnapshotDelete(),
        ActionNamesWellKnown.SnapshotList => LibvirtRecipes.SnapshotList(),
        ActionNamesWellKnown.Package => LibvirtRecipes.Package(),
        _ => null,
    };

    public Task<MachineState> StateAsync(CancellationToken cancellation)
    {
        using var domain = Driver.FindDomain();
        if (domain is null)
        {
            return Task.FromResult(_machine.ReadState(CreationJournal.FileName) is null ? MachineState.NotCreated : MachineState.Interrupted);
        }

        var state = domain.GetState().State;
        if (state == DomainState.Shutoff && domain.HasManagedSaveImage())
        {
            return Task.FromResult(new MachineState("saved", "saved", "The domain's state is saved to disk (suspended). Run `vnet resume` or `vnet up` to restore it."));
        }

        return Task.FromResult(Describe(state));
    }

    public Task<SshInfo?> SshInfoAsync(CancellationToken cancellation)
    {
        if (Driver.CurrentState() != DomainState.Running || Driver.ManagementAddress() is not { } address)
        {
            return Task.FromResult<SshInfo?>(null);
        }

        return Task.FromResult<SshInfo?>(new SshInfo(address, 22, "vagrant") { PrivateKeyPaths = _machine.Host.InsecurePrivateKeyPaths });
    }

    private static MachineState Describe(DomainState state) => state switch
    {
        DomainState.Running => new("running", "running", "The domain is running. To stop it, run `vnet halt`; to destroy it, `vnet destroy`."),
        DomainState.Paused => new("paused", "paused", "The domain is paused (suspended). Run `vnet resume` to continue it."),
        DomainState.Shutoff => new("shutoff", "shutoff", "The domain is not running. Run `vnet up` to start it."),
        DomainState.Shutdown => new("shutdown", "shutting down", "The domain is shutting down."),
        DomainState.Crashed => new("crashed", "crashed", "The domain crashed. Run `vnet reload` or `vnet destroy` and `vnet up`."),
        DomainState.PMSuspended => new("pmsuspended", "pmsuspended", "The guest suspended itself (power management)."),
        DomainState.Blocked => new("blocked", "blocked", "The domain is blocked on a resource."),
        _ => new("nostate", "no state", "libvirt reports no state for the domain."),
    };

    public void Dispose() => Driver.Dispose();
}
