namespace VagrantNet.Sdk.Config;

/// <summary>One <c>vm.synced_folder</c>.</summary>
public sealed class SyncedFolderDefinition
{
    public required string Id { get; init; }

    public required string HostPath { get; init; }

    public required string GuestPath { get; init; }

    /// <summary>rsync, nfs, ...; null lets vnet pick the usable type with the highest priority.</summary>
    public string? Type { get; init; }

    public bool Disabled { get; init; }

    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Extra arguments for the implementation (for rsync they replace its defaults).</summary>
    public IReadOnlyList<string>? Args { get; init; }

    public string? Owner { get; init; }

    public string? Group { get; init; }

    public IReadOnlyList<string> MountOptions { get; init; } = [];

    public bool Create { get; init; }

    /// <summary>Type-specific settings, such as <c>nfs_version</c> or <c>rsync__rsync_path</c>.</summary>
    public IReadOnlyDictionary<string, object?> Options { get; init; } = new Dictionary<string, object?>();
}
