using VagrantNet.Providers.Podman.Driver;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Providers.Podman;

/// <summary>
/// Synced folders of a podman machine as bind mounts, as Vagrant's docker provider shares them: the folders are given
/// to <c>podman create</c> (<see cref="Actions.CreateContainer"/>), so they are live both ways and need nothing in the
/// image. A mount cannot be added to an existing container, so enabling checks that each folder is mounted and says
/// to recreate the container when one is not.
/// </summary>
public sealed class PodmanSyncedFolder : ISyncedFolder
{
    public const string Type = "podman";

    public string? Usable(IMachine machine) =>
        machine.ProviderName == PodmanConfig.Name ? null : "podman bind mounts work only for machines of the podman provider";

    public Task PrepareAsync(IMachine machine, IReadOnlyList<SyncedFolderDefinition> folders, CancellationToken cancellation)
    {
        if (folders.FirstOrDefault(f => f.Owner is not null || f.Group is not null) is { } owned)
        {
            throw new PodmanException(
                $"Machine '{machine.Name}': the synced folder '{owned.GuestPath}' sets owner/group, which a podman bind mount cannot change " +
                "(the files keep their host owners); drop owner: and group:.");
        }

        return Task.CompletedTask;
    }

    public async Task EnableAsync(IMachine machine, IReadOnlyList<SyncedFolderDefinition> folders, CancellationToken cancellation)
    {
        var container = machine.Id ?? throw new PodmanException($"Machine '{machine.Name}' has no container to mount synced folders in.");
        var mounted = await new PodmanDriver(machine).MountDestinationsAsync(container, cancellation).ConfigureAwait(false);
        var missing = folders.Where(f => !mounted.Contains(f.GuestPath.TrimEnd('/') is { Length: > 0 } p ? p : "/", StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new PodmanException(
                $"Machine '{machine.Name}': the synced folder(s) {string.Join(", ", missing.Select(f => $"'{f.GuestPath}'"))} are not mounted in the container, " +
                "which was created before they were configured. A container's mounts are fixed when it is made: run `vnet destroy` and `vnet up` to recreate it.");
        }

        foreach (var folder in folders)
        {
            machine.Ui.Detail($"{folder.HostPath} => {folder.GuestPath} (bind mount)");
        }
    }

    /// <summary>Nothing to undo in the guest: the mounts go with the container.</summary>
    public Task DisableAsync(IMachine machine, IReadOnlyList<SyncedFolderDefinition> folders, CancellationToken cancellation) => Task.CompletedTask;

    /// <summary>Nothing is kept on the host for a bind mount.</summary>
    public Task CleanupAsync(IMachine machine, CancellationToken cancellation) => Task.CompletedTask;
}
