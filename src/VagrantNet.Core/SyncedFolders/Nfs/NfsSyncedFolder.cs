using System.Globalization;
using System.Net;
using System.Net.Sockets;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.SyncedFolders.Nfs;

/// <summary>
/// The <c>nfs</c> synced folder. After boot it exports the folders to the guest's address from the
/// host's NFS server (the kernel's, else NFS-Ganesha: see <see cref="NfsServers"/>) and mounts them in the
/// guest through its <c>mount_nfs_folder</c> capability; halt and destroy prune the exports. Options (as
/// Vagrant's): <c>nfs_version</c> (3 with the kernel server, 4.1 with Ganesha), <c>nfs_udp</c> (NFSv3 only,
/// default true), <c>nfs_export</c> (false: mount only), <c>nfs__map_uid</c>/<c>nfs__map_gid</c>, and
/// <c>mount_options</c>. Its priority is below rsync's, so it is used when a folder asks for it.
/// </summary>
public sealed class NfsSyncedFolder : ISyncedFolder
{
    public const string Type = "nfs";
    public const int Priority = 4;

    private readonly Func<IMachine, IReadOnlyList<INfsServer>> _servers;

    public NfsSyncedFolder()
        : this(machine => NfsServers.All(machine.Host))
    {
    }

    public NfsSyncedFolder(Func<IMachine, IReadOnlyList<INfsServer>> servers) => _servers = servers;

    public string? Usable(IMachine machine)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "vnet serves NFS from Linux hosts only";
        }

        NfsServers.Choose(_servers(machine), out var why);
        return why;
    }

    public Task PrepareAsync(IMachine machine, IReadOnlyList<SyncedFolderDefinition> folders, CancellationToken cancellation) => Task.CompletedTask;

    public async Task EnableAsync(IMachine machine, IReadOnlyList<SyncedFolderDefinition> folders, CancellationToken cancellation)
    {
        if (folders.Count == 0)
        {
            return;
        }

        var server = NfsServers.Choose(_servers(machine), out var why)
            ?? throw new VnetException($"Machine '{machine.Name}': NFS synced folders cannot be used: {why}");
        var info = await machine.SshInfoAsync(cancellation).ConfigureAwait(false)
            ?? throw new VnetException($"Machine '{machine.Name}' has no address; it must be running to mount NFS folders.");
        var guestIp = Option(folders, "nfs__guest_ip") ?? info.Host;
        var hostIp = Option(folders, "nfs__host_ip") ?? LocalAddressTowards(guestIp);

        var exported = folders.Where(f => f.Options.GetValueOrDefault("nfs_export") is not false).ToList();
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        if (exported.Count > 0)
        {
            machine.Ui.Info($"Exporting NFS shared folders (NFS server: {server.Name})...");
            var exports = exported.Select(f => new NfsExport(f.Id, f.HostPath, guestIp, IntOption(f, "nfs__map_uid"), IntOption(f, "nfs__map_gid"))).ToList();
            await using (await machine.Host.LockAsync("nfs-exports", TimeSpan.FromMinutes(2), cancellation).ConfigureAwait(false))
            {
                var served = await server.ExportAsync(MachineKey(machine), exports, cancellation).ConfigureAwait(false);
                for (var i = 0; i < exported.Count; i++)
                {
                    paths[exported[i].Id] = served[i];
                }
            }
        }

        machine.Ui.Info("Mounting NFS shared folders...");
        var mounts = folders.Select(f =>
        {
            var version = f.Options.GetValueOrDefault("nfs_version")?.ToString() ?? server.DefaultVersion;
            var udp = f.Options.GetValueOrDefault("nfs_udp") is bool b ? b : !version.StartsWith('4');
            machine.Ui.Detail($"{f.HostPath} => {f.GuestPath}");
            return new NfsMount(f.GuestPath, paths.GetValueOrDefault(f.Id, f.HostPath), version, udp, f.MountOptions);
        }).ToList();
        await machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.MountNfsFolder, new NfsMountRequest(hostIp, guestIp, mounts), cancellation).ConfigureAwait(false);
    }

    public Task DisableAsync(IMachine machine, IReadOnlyList<SyncedFolderDefinition> folders, CancellationToken cancellation) => Task.CompletedTask;

    /// <summary>Prunes the machine's exports from every usable server (halt, destroy).</summary>
    public async Task CleanupAsync(IMachine machine, CancellationToken cancellation)
    {
        await using (await machine.Host.LockAsync("nfs-exports", TimeSpan.FromMinutes(2), cancellation).ConfigureAwait(false))
        {
            foreach (var server in _servers(machine).Where(s => s.Unavailable() is null))
            {
                await server.PruneAsync(MachineKey(machine), cancellation).ConfigureAwait(false);
            }
        }
    }

    /// <summary>What identifies the machine's exports: its index entry, else its data directory.</summary>
    public static string MachineKey(IMachine machine) => machine.IndexUuid ?? machine.DataDirectory.Replace(' ', '_');

    /// <summary>The host's own address on the route to <paramref name="guestIp"/> (nothing is sent).</summary>
    public static string LocalAddressTowards(string guestIp)
    {
        var target = IPAddress.Parse(guestIp);
        using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(target, 9);
        return ((IPEndPoint)socket.LocalEndPoint!).Address.ToString();
    }

    private static string? Option(IReadOnlyList<SyncedFolderDefinition> folders, string name) =>
        folders.Select(f => f.Options.GetValueOrDefault(name)?.ToString()).FirstOrDefault(v => !string.IsNullOrEmpty(v));

    private static int? IntOption(SyncedFolderDefinition folder, string name) =>
        folder.Options.GetValueOrDefault(name) is { } value && int.TryParse(value.ToString(), CultureInfo.InvariantCulture, out var number) ? number : null;
}
