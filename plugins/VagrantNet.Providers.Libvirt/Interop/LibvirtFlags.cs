namespace VagrantNet.Providers.Libvirt.Interop;

// Flag sets from the libvirt 9.0 headers that the safe layer passes straight through.

/// <summary><c>virDomainDefineFlags</c>.</summary>
[Flags]
public enum DomainDefineFlags
{
    None = 0,
    Validate = 1 << 0,
}

/// <summary><c>virDomainXMLFlags</c>.</summary>
[Flags]
public enum DomainXmlFlags
{
    None = 0,
    Secure = 1 << 0,
    Inactive = 1 << 1,
    UpdateCpu = 1 << 2,
    Migratable = 1 << 3,
}

/// <summary><c>virDomainUndefineFlagsValues</c>.</summary>
[Flags]
public enum DomainUndefineFlags
{
    None = 0,
    ManagedSave = 1 << 0,
    SnapshotsMetadata = 1 << 1,
    Nvram = 1 << 2,
    KeepNvram = 1 << 3,
    CheckpointsMetadata = 1 << 4,
    Tpm = 1 << 5,
    KeepTpm = 1 << 6,
}

/// <summary><c>virStoragePoolBuildFlags</c>.</summary>
[Flags]
public enum StoragePoolBuildFlags
{
    New = 0,
    Repair = 1 << 0,
    Resize = 1 << 1,
    NoOverwrite = 1 << 2,
    Overwrite = 1 << 3,
}

/// <summary><c>virStorageVolCreateFlags</c>.</summary>
[Flags]
public enum StorageVolumeCreateFlags
{
    None = 0,
    PreallocMetadata = 1 << 0,
    Reflink = 1 << 1,
    Validate = 1 << 2,
}

/// <summary><c>virStorageVolDeleteFlags</c>.</summary>
[Flags]
public enum StorageVolumeDeleteFlags
{
    Normal = 0,
    Zeroed = 1 << 0,
    WithSnapshots = 1 << 1,
}

/// <summary><c>virStorageVolResizeFlags</c>.</summary>
[Flags]
public enum StorageVolumeResizeFlags
{
    None = 0,
    Allocate = 1 << 0,
    Delta = 1 << 1,
    Shrink = 1 << 2,
}

/// <summary><c>virDomainSnapshotRevertFlags</c>.</summary>
[Flags]
public enum SnapshotRevertFlags
{
    None = 0,
    Running = 1 << 0,
    Paused = 1 << 1,
    Force = 1 << 2,
}
