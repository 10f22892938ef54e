namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>libvirt's <c>virStorageVolType</c>.</summary>
public enum StorageVolumeType
{
    File = 0,
    Block = 1,
    Dir = 2,
    Network = 3,
    NetDir = 4,
    Ploop = 5,
}

/// <summary>Size information for a storage volume, in bytes.</summary>
public readonly record struct StorageVolumeInfo(StorageVolumeType Type, ulong Capacity, ulong Allocation);
