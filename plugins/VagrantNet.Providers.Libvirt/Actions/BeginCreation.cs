using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Opens the creation journal before anything is made, and closes it when the whole first <c>up</c> (boot, sync,
/// provisioners) has finished. On a failure or Ctrl+C it undoes what the journal lists, so a failed first <c>up</c>
/// leaves nothing behind, state files included; with <c>--no-destroy-on-error</c> a defined domain is kept as a
/// created machine instead.
/// </summary>
public sealed class BeginCreation : IAction, IRecoverable
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var journal = CreationJournal.Begin(context.Machine, context.Get(LibvirtKeys.DomainName), context.LibvirtConfig().StoragePoolName!, context.LibvirtConfig().Uuid);
        context.Set(LibvirtKeys.Journal, journal);
        await next(context).ConfigureAwait(false);
        journal.Complete();
    }

    public async Task RecoverAsync(ActionContext context, Exception error)
    {
        var journal = context.Get(LibvirtKeys.Journal);
        if (!context.GetOrDefault(CommandKeys.DestroyOnError, true) && context.Machine.Id is not null)
        {
            journal.Complete();
            return;
        }

        context.Ui.Info("Removing what this `up` made after the failure (use --no-destroy-on-error to keep a defined domain)...");
        await CreationUndo.RunAsync(context, journal).ConfigureAwait(false);
    }
}
