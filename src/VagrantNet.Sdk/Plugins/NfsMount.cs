namespace VagrantNet.Sdk.Plugins;

/// <summary>
/// One NFS mount for a guest's <c>mount_nfs_folder</c> capability: mount <paramref name="ServerPath"/>
/// (the host path for the kernel server, the pseudo path for NFSv4-only servers) at <paramref name="GuestPath"/>.
/// </summary>
public sealed record NfsMount(string GuestPath, string ServerPath, string Version, bool Udp, IReadOnlyList<string> Options);

/// <summary>What <c>mount_nfs_folder</c> takes: the host's address the guest mounts from, the guest's own address, and the mounts.</summary>
public sealed record NfsMountRequest(string HostIp, string GuestIp, IReadOnlyList<NfsMount> Mounts);
