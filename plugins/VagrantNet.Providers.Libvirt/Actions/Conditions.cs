using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>Whether the machine has a domain.</summary>
public sealed class IsCreated : ICondition
{
    public Task<bool> EvaluateAsync(ActionContext context) => Task.FromResult(context.Driver().CurrentState() is not null);
}

/// <summary>Whether the domain is running.</summary>
public sealed class IsRunning : ICondition
{
    public Task<bool> EvaluateAsync(ActionContext context) => Task.FromResult(context.Driver().CurrentState() == DomainState.Running);
}

/// <summary>Whether the domain is suspended: paused in memory, or shut off with a managed-save image.</summary>
public sealed class IsSuspended : ICondition
{
    public Task<bool> EvaluateAsync(ActionContext context)
    {
        var driver = context.Driver();
        var state = driver.CurrentState();
        if (state == DomainState.Paused)
        {
            return Task.FromResult(true);
        }

        using var domain = driver.FindDomain();
        return Task.FromResult(state == DomainState.Shutoff && domain?.HasManagedSaveImage() == true);
    }
}

/// <summary>Prints a line and, unless told otherwise, stops the pipeline: for "not created" and the like.</summary>
public sealed class Message(string text, bool warn = false, bool stop = true) : IAction, IDescribedAction
{
    public string Description => $"Message: {text}";

    public Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        if (warn)
        {
            context.Ui.Warn(text);
        }
        else
        {
            context.Ui.Info(text);
        }

        return stop ? Task.CompletedTask : next(context);
    }
}
