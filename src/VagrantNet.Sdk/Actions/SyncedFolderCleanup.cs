using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Sdk.Actions;

/// <summary>
/// Removes host-side synced-folder state (exports, watchers) on halt and destroy: cleans every type
/// the last <c>up</c> used, or every registered type when nothing was recorded. Runs before the rest.
/// </summary>
public sealed class SyncedFolderCleanup : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var machine = context.Machine;
        var recorded = SyncedFolders.RecordedTypes(machine);
        foreach (var type in machine.Host.SyncedFolderTypes.Where(t => recorded is null || recorded.Contains(t.Type)))
        {
            await type.Create().CleanupAsync(machine, context.Cancellation).ConfigureAwait(false);
        }

        await next(context).ConfigureAwait(false);
    }
}
