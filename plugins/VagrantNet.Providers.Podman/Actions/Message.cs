using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Podman.Actions;

/// <summary>Prints a line and, unless told otherwise, stops the pipeline: for "not created" and the like.</summary>
public sealed class Message(string text, bool stop = true) : IAction, IDescribedAction
{
    public string Description => $"Message: {text}";

    public Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        context.Ui.Info(text);
        return stop ? Task.CompletedTask : next(context);
    }
}
