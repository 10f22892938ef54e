namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>Turns libvirt's last error into a <see cref="LibvirtException"/>.</summary>
internal static unsafe class LibvirtError
{
    /// <summary>
    /// Must run on the thread whose call just failed, before any other libvirt call:
    /// libvirt keeps the last error in thread-local storage and resets it on every API entry.
    /// </summary>
    internal static LibvirtException FromLastError(string operation)
    {
        var error = NativeMethods.virGetLastError();
        if (error == null)
        {
            return new LibvirtException($"libvirt call failed without error details: {operation}");
        }

        var message = NativeString.Borrow(error->Message) ?? $"libvirt call failed: {operation}";
        return new LibvirtException(message, (LibvirtErrorCode)error->Code, (LibvirtErrorDomain)error->Domain);
    }
}
