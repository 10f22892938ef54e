using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>Values the libvirt steps hand to each other.</summary>
public static class LibvirtKeys
{
    public static readonly ActionKey<string> DomainName = new("libvirt.domain_name");

    /// <summary>The intent log of the creation (or destroy) under way: each step records what it is about to make (or remove).</summary>
    public static readonly ActionKey<Driver.CreationJournal> Journal = new("libvirt.creation_journal");

    /// <summary>Path of the box image volume in the pool, the overlay's backing file.</summary>
    public static readonly ActionKey<BoxImage> BoxImage = new("libvirt.box_image");

    public static readonly ActionKey<string> RootVolumePath = new("libvirt.root_volume");

    /// <summary>The cloud-init seed image's path, when the machine has cloud-init user data.</summary>
    public static readonly ActionKey<string> CloudInitSeedPath = new("libvirt.cloud_init_seed");

    /// <summary>The extra disks <see cref="CreateExtraDisks"/> made or found, with their volumes' paths.</summary>
    public static readonly ActionKey<IReadOnlyList<(PlannedDisk Disk, string Path)>> ExtraDisks = new("libvirt.extra_disks");

    public static readonly ActionKey<IReadOnlyList<PlannedNic>> Nics = new("libvirt.nics");

    public static readonly ActionKey<string> DomainType = new("libvirt.domain_type");
}

/// <summary>Options the command line passes into a pipeline.</summary>
public static class CommandKeys
{
    /// <summary><c>--no-destroy-on-error</c> sets this false: a failed first up keeps what it made.</summary>
    public static readonly ActionKey<bool> DestroyOnError = CommandOptionKeys.DestroyOnError;

    /// <summary><c>halt -f</c>: power off at once.</summary>
    public static readonly ActionKey<bool> Force = CommandOptionKeys.Force;
}

public sealed record BoxImage(string VolumeName, string Path, string Format, ulong VirtualSizeBytes);

/// <summary>A NIC the domain gets: which network, its MAC, and the guest settings it should end up with.</summary>
public sealed record PlannedNic(string Mac, string? Network, Sdk.Config.NetworkDefinition? Definition, Xml.SocketTunnel? Tunnel = null, Xml.HostAttachment? Host = null)
{
    public bool IsManagement => Definition is null;

    /// <summary>The NIC's model, host-side name, MTU, driver and PCI address; null: the <c>nic_model_type</c> defaults.</summary>
    public Networks.NicDevice? Device { get; init; }
}
