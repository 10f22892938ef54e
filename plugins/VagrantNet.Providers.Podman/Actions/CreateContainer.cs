using VagrantNet.Providers.Podman.Driver;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Podman.Actions;

/// <summary>
/// Creates the container (<c>podman create</c>), its synced folders bind-mounted. The intent is recorded first (the
/// creation journal: a vnet killed during the create leaves a labelled container that the next command removes), the
/// id as soon as podman answers. Undone when a later step of the same first <c>up</c> fails, unless
/// <c>--no-destroy-on-error</c>.
/// </summary>
public sealed class CreateContainer : IAction, IRecoverable
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var machine = context.Machine;
        var name = context.Get(PodmanKeys.ContainerName);
        var folders = SyncedFolderPlan.For(machine).Where(g => g.Type.Type == PodmanSyncedFolder.Type).SelectMany(g => g.Folders).ToList();
        machine.WriteState(MachineStateFiles.CreationJournal, name);
        context.Ui.Info($"Creating the container {name}...");
        var id = await context.Driver().CreateAsync(CreateArguments.For(machine, name, context.Get(PodmanKeys.Image), folders), context.Cancellation).ConfigureAwait(false);
        machine.Id = id;
        machine.DeleteState(MachineStateFiles.CreationJournal);
        await next(context).ConfigureAwait(false);
    }

    public async Task RecoverAsync(ActionContext context, Exception error)
    {
        if (context.GetOrDefault(CommandOptionKeys.DestroyOnError, true) == false)
        {
            return;
        }

        var machine = context.Machine;
        var driver = context.Driver();
        context.Ui.Detail("Removing the container this up created...");
        if (machine.Id is { } id)
        {
            await driver.RemoveAsync(id, context.RecoveryToken).ConfigureAwait(false);
        }

        foreach (var container in await driver.LabelledContainersAsync(context.RecoveryToken).ConfigureAwait(false))
        {
            await driver.RemoveAsync(container, context.RecoveryToken).ConfigureAwait(false);
        }

        machine.Id = null;
        machine.DeleteAllState();
    }
}
