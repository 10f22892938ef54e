using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Sdk.Plugins;

/// <summary>A synced-folder implementation (rsync, nfs, ...). The folders passed are those of its type.</summary>
public interface ISyncedFolder
{
    /// <summary>Null when usable for this machine, else the reason.</summary>
    string? Usable(IMachine machine);

    /// <summary>Host-side work before the machine boots (exports, ...).</summary>
    Task PrepareAsync(IMachine machine, IReadOnlyList<SyncedFolderDefinition> folders, CancellationToken cancellation);

    /// <summary>Makes the folders available in the running guest.</summary>
    Task EnableAsync(IMachine machine, IReadOnlyList<SyncedFolderDefinition> folders, CancellationToken cancellation);

    Task DisableAsync(IMachine machine, IReadOnlyList<SyncedFolderDefinition> folders, CancellationToken cancellation);

    /// <summary>Removes host-side state on halt and destroy.</summary>
    Task CleanupAsync(IMachine machine, CancellationToken cancellation);
}
