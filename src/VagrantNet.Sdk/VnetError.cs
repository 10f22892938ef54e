namespace VagrantNet.Sdk;

/// <summary>
/// An error the user caused or can fix: vnet prints its message alone (no stack trace) and exits 1.
/// Plugins throw it (or a subclass) for anything a user should read.
/// </summary>
public class VnetError : Exception
{
    public VnetError(string message)
        : base(message)
    {
    }

    public VnetError(string message, Exception inner)
        : base(message, inner)
    {
    }
}
