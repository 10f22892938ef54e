using VagrantNet.Sdk.Config;

namespace VagrantNet.Sdk.Plugins;

/// <summary>The capabilities vnet's steps call; a guest plugin implements them under these keys.</summary>
public static class GuestCapabilitiesWellKnown
{
    /// <summary>Sets the guest's hostname.</summary>
    public static readonly GuestCapability<string, Unit> ChangeHostName = new("change_host_name");

    /// <summary>Configures the networks inside the guest, each on the NIC with its MAC, else on the NICs after the first, in order.</summary>
    public static readonly GuestCapability<IReadOnlyList<NetworkDefinition>, Unit> ConfigureNetworks = new("configure_networks");

    /// <summary>The guest's physical NICs in kernel order.</summary>
    public static readonly GuestCapability<Unit, IReadOnlyList<GuestInterface>> NetworkInterfaces = new("network_interfaces");

    /// <summary>Shuts the guest down; the connection dropping under it is expected.</summary>
    public static readonly GuestCapability<Unit, Unit> Halt = new("halt");

    /// <summary>Reboots the guest and waits until it answers from the new boot.</summary>
    public static readonly GuestCapability<Unit, Unit> Reboot = new("reboot");

    /// <summary>Adds a public key (one authorized_keys line) to the SSH user's authorized_keys.</summary>
    public static readonly GuestCapability<string, Unit> InsertPublicKey = new("insert_public_key");

    /// <summary>Removes a public key from the SSH user's authorized_keys, whatever its comment.</summary>
    public static readonly GuestCapability<string, Unit> RemovePublicKey = new("remove_public_key");

    public static readonly GuestCapability<Unit, bool> RsyncInstalled = new("rsync_installed");

    public static readonly GuestCapability<Unit, Unit> RsyncInstall = new("rsync_install");

    public static readonly GuestCapability<NfsMountRequest, Unit> MountNfsFolder = new("mount_nfs_folder");

    /// <summary>Expands a leading <c>~</c> or <c>~user</c> of a guest path as the guest's shell would.</summary>
    public static readonly GuestCapability<string, string> ShellExpandGuestPath = new("shell_expand_guest_path");
}
