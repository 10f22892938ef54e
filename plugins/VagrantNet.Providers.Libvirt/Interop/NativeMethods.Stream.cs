using System.Runtime.InteropServices;

namespace VagrantNet.Providers.Libvirt.Interop;

internal static unsafe partial class NativeMethods
{
    // Takes the raw connection pointer because callers borrow it from a volume
    // (virStorageVolGetConnect) rather than from a ConnectionHandle.
    [LibraryImport(Library)]
    internal static partial StreamHandle virStreamNew(IntPtr conn, uint flags);

    [LibraryImport(Library)]
    internal static partial int virStreamSend(StreamHandle stream, byte* data, nuint nbytes);

    [LibraryImport(Library)]
    internal static partial int virStreamFinish(StreamHandle stream);

    [LibraryImport(Library)]
    internal static partial int virStreamAbort(StreamHandle stream);

    [LibraryImport(Library)]
    internal static partial int virStreamFree(IntPtr stream);
}
