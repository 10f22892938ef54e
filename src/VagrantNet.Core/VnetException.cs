namespace VagrantNet.Core;

/// <summary>An error the user caused or can fix. The CLI prints its message and exits 1, with no stack trace.</summary>
public class VnetException : Sdk.VnetError
{
    public VnetException(string message)
        : base(message)
    {
    }

    public VnetException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
