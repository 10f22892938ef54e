namespace VagrantNet.Providers.Libvirt;

/// <summary>An error the user can act on; the CLI prints its message without a stack trace.</summary>
public sealed class LibvirtProviderException : Sdk.VnetError
{
    public LibvirtProviderException(string message)
        : base(message)
    {
    }

    public LibvirtProviderException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
