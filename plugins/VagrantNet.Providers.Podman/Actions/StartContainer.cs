using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Podman.Actions;

/// <summary>Starts the container (<c>podman start</c>).</summary>
public sealed class StartContainer : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        context.Ui.Info("Starting the container...");
        await context.Driver().StartAsync(context.ContainerId(), context.Cancellation).ConfigureAwait(false);
        await next(context).ConfigureAwait(false);
    }
}
