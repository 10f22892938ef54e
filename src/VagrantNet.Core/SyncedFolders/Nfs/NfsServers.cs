using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.SyncedFolders.Nfs;

/// <summary>
/// Picks the host NFS server: <c>$VNET_NFS_SERVER</c> (<c>kernel</c> or <c>ganesha</c>) when set, else the
/// kernel server when the kernel has one, else NFS-Ganesha, else none (with what to install).
/// </summary>
public static class NfsServers
{
    public static IReadOnlyList<INfsServer> All(IVnetHost host) =>
        [new KernelNfsServer(host.Processes), new GaneshaNfsServer(Path.Combine(host.Home, "nfs-ganesha"), host.Processes)];

    /// <summary>The server to use, or null with <paramref name="why"/> saying what is missing.</summary>
    public static INfsServer? Choose(IReadOnlyList<INfsServer> servers, out string? why, Func<string, string?>? environment = null)
    {
        environment ??= System.Environment.GetEnvironmentVariable;
        if (environment("VNET_NFS_SERVER") is { Length: > 0 } named)
        {
            var server = servers.FirstOrDefault(s => s.Name == named)
                ?? throw new VnetException($"VNET_NFS_SERVER is '{named}'; use one of {string.Join(", ", servers.Select(s => s.Name))}.");
            why = server.Unavailable();
            return why is null ? server : null;
        }

        var reasons = new List<string>();
        foreach (var server in servers)
        {
            if (server.Unavailable() is { } reason)
            {
                reasons.Add($"{server.Name}: {reason}");
                continue;
            }

            why = null;
            return server;
        }

        why = "this host has no usable NFS server (" + string.Join("; ", reasons) +
              "). Install nfs-kernel-server where the kernel has nfsd, or nfs-ganesha and nfs-ganesha-vfs.";
        return null;
    }
}
