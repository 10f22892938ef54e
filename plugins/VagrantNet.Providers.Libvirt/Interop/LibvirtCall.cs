using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>Checks native results (-1 or NULL means failure) and throws libvirt's error.</summary>
internal static unsafe class LibvirtCall
{
    internal static int Check(int result, [CallerArgumentExpression(nameof(result))] string operation = "")
    {
        if (result < 0)
        {
            throw LibvirtError.FromLastError(operation);
        }

        return result;
    }

    internal static T Check<T>(T handle, [CallerArgumentExpression(nameof(handle))] string operation = "")
        where T : SafeHandle
    {
        if (handle.IsInvalid)
        {
            var error = LibvirtError.FromLastError(operation);
            handle.Dispose();
            throw error;
        }

        return handle;
    }

    /// <summary>Like <see cref="Check{T}"/>, but a "no such object" error yields null.</summary>
    internal static T? CheckFound<T>(
        T handle, LibvirtErrorCode notFound, [CallerArgumentExpression(nameof(handle))] string operation = "")
        where T : SafeHandle
    {
        if (!handle.IsInvalid)
        {
            return handle;
        }

        var error = LibvirtError.FromLastError(operation);
        handle.Dispose();
        return error.Code == notFound ? null : throw error;
    }

    internal static string OwnedString(byte* result, [CallerArgumentExpression(nameof(result))] string operation = "") =>
        result == null ? throw LibvirtError.FromLastError(operation) : NativeString.TakeOwned(result)!;

    internal static string BorrowedString(byte* result, [CallerArgumentExpression(nameof(result))] string operation = "") =>
        result == null ? throw LibvirtError.FromLastError(operation) : NativeString.Borrow(result)!;

    /// <summary>Adopts every element of a malloc'd object array, then frees the array itself.</summary>
    internal static List<T> TakeAll<T>(IntPtr* items, int count, Func<IntPtr, T> adopt)
    {
        try
        {
            var result = new List<T>(count);
            for (var i = 0; i < count; i++)
            {
                result.Add(adopt(items[i]));
            }

            return result;
        }
        finally
        {
            NativeMethods.Free(items);
        }
    }
}
