namespace VagrantNet.Sdk.Actions;

/// <summary>
/// An error the user can understand and act on, raised by a pipeline step or a plugin. The CLI prints
/// its message alone, with no stack trace. Core's <c>VnetException</c> derives from it.
/// </summary>
public class ActionException : Exception
{
    public ActionException(string message)
        : base(message)
    {
    }

    public ActionException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
