using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>Deletes a snapshot by name; the machine itself is left as it is.</summary>
public sealed class DeleteSnapshot : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var name = context.Get(SnapshotKeys.Name);
        using var domain = context.Driver().RequireDomain();
        using var snapshot = domain.TryLookupSnapshot(name)
            ?? throw new LibvirtProviderException($"Machine '{context.Machine.Name}' has no snapshot named '{name}'. {Existing(domain)}");
        context.Ui.Info($"Deleting the snapshot '{name}'...");
        snapshot.Delete();
        context.Ui.Success($"Snapshot '{name}' deleted.");
        await next(context).ConfigureAwait(false);
    }

    /// <summary>A sentence naming the domain's snapshots, for errors about a name that is not one of them.</summary>
    internal static string Existing(LibvirtDomain domain)
    {
        var names = ListSnapshots.Read(domain).Select(s => s.Name).ToList();
        return names.Count == 0 ? "It has no snapshots." : $"Its snapshots: {string.Join(", ", names)}.";
    }
}
