using System.Runtime.InteropServices;

namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>
/// Raw libvirt entry points. Signatures mirror the libvirt 9.0 headers exactly.
/// Strings libvirt hands back are returned as <c>byte*</c> on purpose: some are
/// owned by the caller (free with <see cref="Free"/>), some are borrowed, and the
/// default string marshaller cannot tell the two apart. See <see cref="NativeString"/>.
/// </summary>
internal static unsafe partial class NativeMethods
{
    internal const string Library = "libvirt.so.0";

    // Caller-owned libvirt buffers come from malloc, so they go back to libc's free.
    [LibraryImport("libc", EntryPoint = "free")]
    internal static partial void Free(void* pointer);

    [LibraryImport(Library)]
    internal static partial int virInitialize();
}
