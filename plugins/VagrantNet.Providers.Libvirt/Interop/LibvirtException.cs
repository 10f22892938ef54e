namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>A libvirt call failed; <see cref="Exception.Message"/> is libvirt's own text.</summary>
public sealed class LibvirtException : Exception
{
    public LibvirtException()
    {
    }

    public LibvirtException(string message) : base(message)
    {
    }

    public LibvirtException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public LibvirtException(string message, LibvirtErrorCode code, LibvirtErrorDomain errorDomain) : base(message)
    {
        Code = code;
        ErrorDomain = errorDomain;
    }

    /// <summary>libvirt's <c>virErrorNumber</c>, e.g. <see cref="LibvirtErrorCode.NoDomain"/>.</summary>
    public LibvirtErrorCode Code { get; } = LibvirtErrorCode.InternalError;

    /// <summary>The libvirt subsystem that raised the error.</summary>
    public LibvirtErrorDomain ErrorDomain { get; }
}
