using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>One-time process setup for libvirt.</summary>
internal static unsafe class LibvirtRuntime
{
    private static readonly Lock Gate = new();
    private static bool _initialized;

    /// <summary>
    /// Initializes libvirt for multi-threaded use and installs a no-op error handler,
    /// because libvirt's default handler prints every error to stderr; errors reach
    /// callers as <see cref="LibvirtException"/> instead.
    /// </summary>
    internal static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (_initialized)
            {
                return;
            }

            LibvirtCall.Check(NativeMethods.virInitialize());
            NativeMethods.virSetErrorFunc(null, &IgnoreError);
            _initialized = true;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void IgnoreError(void* userData, VirError* error)
    {
    }
}
