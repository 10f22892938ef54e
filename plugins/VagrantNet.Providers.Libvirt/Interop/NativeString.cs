using System.Runtime.InteropServices;

namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>Copies libvirt C strings into managed ones, honouring who owns the buffer.</summary>
internal static unsafe class NativeString
{
    /// <summary>For <c>char*</c> results the caller must free: copy, then free.</summary>
    internal static string? TakeOwned(byte* value)
    {
        if (value == null)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8((IntPtr)value);
        }
        finally
        {
            NativeMethods.Free(value);
        }
    }

    /// <summary>For <c>const char*</c> results and struct fields libvirt still owns.</summary>
    internal static string? Borrow(byte* value) =>
        value == null ? null : Marshal.PtrToStringUTF8((IntPtr)value);
}
