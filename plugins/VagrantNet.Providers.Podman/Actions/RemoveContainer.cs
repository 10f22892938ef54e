using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Podman.Actions;

/// <summary>
/// Removes the container (<c>podman rm --force</c>) and any other container with the machine's labels, so a container
/// whose id was never recorded goes too.
/// </summary>
public sealed class RemoveContainer : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var driver = context.Driver();
        context.Ui.Info("Removing the container...");
        if (context.Machine.Id is { } id)
        {
            await driver.RemoveAsync(id, context.Cancellation).ConfigureAwait(false);
        }

        foreach (var container in await driver.LabelledContainersAsync(context.Cancellation).ConfigureAwait(false))
        {
            await driver.RemoveAsync(container, context.Cancellation).ConfigureAwait(false);
        }

        await next(context).ConfigureAwait(false);
    }
}
