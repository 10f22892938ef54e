using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Finds the journal of a first <c>up</c> or a <c>destroy</c> that died half way (killed, or the host went down) and
/// undoes what it lists, so that <c>up</c> then creates the machine afresh and <c>destroy</c> leaves libvirt as it was
/// before the first <c>up</c>.
/// </summary>
public sealed class UndoInterruptedCreation : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        if (CreationJournal.Read(context.Machine) is { } journal)
        {
            context.Ui.Warn("An earlier vnet command stopped before it finished creating or destroying this machine; removing what it left...");
            await CreationUndo.RunAsync(context, journal).ConfigureAwait(false);
        }

        await next(context).ConfigureAwait(false);
    }
}
