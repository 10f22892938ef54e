namespace VagrantNet.Core.SyncedFolders.Nfs;

/// <summary>One host folder exported to one guest.</summary>
/// <param name="Id">The synced folder's id, stable across ups.</param>
/// <param name="Uid">Host user the guest's writes are mapped to (null: the folder's owner).</param>
public sealed record NfsExport(string Id, string HostPath, string GuestIp, int? Uid = null, int? Gid = null);

/// <summary>A host NFS server vnet can export folders with: the kernel server or NFS-Ganesha.</summary>
public interface INfsServer
{
    /// <summary><c>kernel</c> or <c>ganesha</c>.</summary>
    string Name { get; }

    /// <summary>The NFS version guests should mount when the folder names none.</summary>
    string DefaultVersion { get; }

    /// <summary>Null when the server can be used on this host, else what is missing.</summary>
    string? Unavailable();

    /// <summary>Replaces the exports of <paramref name="machineKey"/> with <paramref name="exports"/>; returns the path to mount for each, in order.</summary>
    Task<IReadOnlyList<string>> ExportAsync(string machineKey, IReadOnlyList<NfsExport> exports, CancellationToken cancellation);

    /// <summary>Removes every export of <paramref name="machineKey"/> (halt, destroy).</summary>
    Task PruneAsync(string machineKey, CancellationToken cancellation);
}
