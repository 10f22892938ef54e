using System.Runtime.InteropServices;

namespace VagrantNet.Providers.Libvirt.Interop;

internal static unsafe partial class NativeMethods
{
    // Returns a pointer into libvirt's thread-local storage: read it at once, never free it.
    [LibraryImport(Library)]
    internal static partial VirError* virGetLastError();

    [LibraryImport(Library)]
    internal static partial void virResetLastError();

    [LibraryImport(Library)]
    internal static partial void virFreeError(VirError* error);

    [LibraryImport(Library)]
    internal static partial void virSetErrorFunc(
        void* userData,
        delegate* unmanaged[Cdecl]<void*, VirError*, void> handler);
}
