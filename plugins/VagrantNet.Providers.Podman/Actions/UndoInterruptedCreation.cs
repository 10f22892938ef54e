using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Podman.Actions;

/// <summary>
/// Finds what a first <c>up</c> killed before it recorded the container's id left (its journal, and any container
/// with the machine's labels) and removes it, so <c>up</c> starts afresh and <c>destroy</c> leaves nothing.
/// </summary>
public sealed class UndoInterruptedCreation : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var machine = context.Machine;
        if (machine.Id is null && machine.ReadState(MachineStateFiles.CreationJournal) is not null)
        {
            context.Ui.Warn("An earlier vnet command stopped before it finished creating this container; removing what it left...");
            var driver = context.Driver();
            foreach (var container in await driver.LabelledContainersAsync(context.Cancellation).ConfigureAwait(false))
            {
                context.Ui.Detail($"Removing container {container[..Math.Min(12, container.Length)]}");
                await driver.RemoveAsync(container, context.Cancellation).ConfigureAwait(false);
            }

            machine.DeleteAllState();
        }

        await next(context).ConfigureAwait(false);
    }
}
