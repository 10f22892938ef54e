namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>A libvirt storage volume (<c>virStorageVolPtr</c>).</summary>
public sealed unsafe class LibvirtStorageVolume : IDisposable
{
    internal LibvirtStorageVolume(StorageVolumeHandle handle) => Handle = handle;

    internal StorageVolumeHandle Handle { get; }

    public string Name => LibvirtCall.BorrowedString(NativeMethods.virStorageVolGetName(Handle));

    /// <summary>Host path of the volume (file path, device node, ...).</summary>
    public string GetPath() => LibvirtCall.OwnedString(NativeMethods.virStorageVolGetPath(Handle));

    public string GetXmlDesc() => LibvirtCall.OwnedString(NativeMethods.virStorageVolGetXMLDesc(Handle, 0));

    public StorageVolumeInfo GetInfo()
    {
        LibvirtCall.Check(NativeMethods.virStorageVolGetInfo(Handle, out var info));
        return new StorageVolumeInfo((StorageVolumeType)info.Type, info.Capacity, info.Allocation);
    }

    public void Delete(StorageVolumeDeleteFlags flags = StorageVolumeDeleteFlags.Normal) =>
        PoolBusy.Retry(() => LibvirtCall.Check(NativeMethods.virStorageVolDelete(Handle, (uint)flags)));

    public void Resize(ulong capacity, StorageVolumeResizeFlags flags = StorageVolumeResizeFlags.None) =>
        LibvirtCall.Check(NativeMethods.virStorageVolResize(Handle, capacity, (uint)flags));

    /// <summary>
    /// Streams <paramref name="length"/> bytes from <paramref name="source"/> into the volume from offset 0,
    /// reporting the running byte count. Blocks; on any failure or cancellation the libvirt stream is
    /// aborted so the driver discards the partial transfer.
    /// </summary>
    public void Upload(
        Stream source, long length, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        cancellationToken.ThrowIfCancellationRequested();

        // The volume already holds a reference on its connection; borrowing it means uploads
        // keep working even if the LibvirtConnection wrapper was disposed first.
        var connection = NativeMethods.virStorageVolGetConnect(Handle);
        if (connection == IntPtr.Zero)
        {
            throw LibvirtError.FromLastError(nameof(NativeMethods.virStorageVolGetConnect));
        }

        using var stream = LibvirtCall.Check(NativeMethods.virStreamNew(connection, 0));
        LibvirtCall.Check(NativeMethods.virStorageVolUpload(Handle, stream, 0, (ulong)length, 0));
        try
        {
            StreamPump.Pump(source, length, chunk => Send(stream, chunk), progress, cancellationToken);
            LibvirtCall.Check(NativeMethods.virStreamFinish(stream));
        }
        catch
        {
            // libvirt requires an unfinished stream to be aborted before it is freed. The
            // exception already holds the original error, so abort may reset libvirt's.
            _ = NativeMethods.virStreamAbort(stream);
            throw;
        }
    }

    public void Dispose() => Handle.Dispose();

    private static int Send(StreamHandle stream, ReadOnlySpan<byte> chunk)
    {
        fixed (byte* data = chunk)
        {
            return LibvirtCall.Check(NativeMethods.virStreamSend(stream, data, (nuint)chunk.Length));
        }
    }
}
