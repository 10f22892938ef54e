using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.SyncedFolders;

/// <summary>
/// The <c>rsync</c> synced folder: a one-way copy from the host into the guest on <c>up</c>, <c>reload</c>
/// and <c>vnet rsync</c>. Its priority is Vagrant's (5), the fallback that works wherever the host has rsync.
/// </summary>
public sealed class RsyncSyncedFolder : ISyncedFolder
{
    public const string Type = "rsync";
    public const int Priority = 5;

    public string? Usable(IMachine machine)
    {
        if (machine.Host.Processes.Find("rsync") is null)
        {
            return "rsync is not installed on this host (install the rsync package)";
        }

        return (machine.Config.Vm.Communicator ?? "ssh") == "ssh" ? null : "rsync folders need the ssh communicator";
    }

    public Task PrepareAsync(IMachine machine, IReadOnlyList<SyncedFolderDefinition> folders, CancellationToken cancellation) => Task.CompletedTask;

    public async Task EnableAsync(IMachine machine, IReadOnlyList<SyncedFolderDefinition> folders, CancellationToken cancellation)
    {
        if (folders.Count == 0)
        {
            return;
        }

        await EnsureGuestRsyncAsync(machine, cancellation).ConfigureAwait(false);
        var info = await machine.SshInfoAsync(cancellation).ConfigureAwait(false)
            ?? throw new VnetException($"Machine '{machine.Name}' has no SSH address; it must be running to sync folders.");
        foreach (var folder in folders)
        {
            machine.Ui.Info($"Rsyncing folder: {folder.HostPath.TrimEnd('/')}/ => {folder.GuestPath}");
            if (folder.Exclude.Count > 0)
            {
                machine.Ui.Detail($"  - Exclude: [{string.Join(", ", folder.Exclude.Select(e => $"\"{e}\""))}]");
            }

            await RsyncHelper.SyncAsync(machine, info, folder, cancellation).ConfigureAwait(false);
        }
    }

    public Task DisableAsync(IMachine machine, IReadOnlyList<SyncedFolderDefinition> folders, CancellationToken cancellation) => Task.CompletedTask;

    public Task CleanupAsync(IMachine machine, CancellationToken cancellation) => Task.CompletedTask;

    /// <summary>Installs rsync in the guest when it lacks it (its <c>rsync_installed</c>/<c>rsync_install</c> capabilities).</summary>
    public static async Task EnsureGuestRsyncAsync(IMachine machine, CancellationToken cancellation)
    {
        if (await machine.Guest.HasAsync(GuestCapabilitiesWellKnown.RsyncInstalled, cancellation).ConfigureAwait(false) &&
            !await machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.RsyncInstalled, cancellation).ConfigureAwait(false))
        {
            machine.Ui.Detail("Installing rsync in the guest...");
            await machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.RsyncInstall, cancellation).ConfigureAwait(false);
        }
    }
}
