using Microsoft.Extensions.Logging;

namespace VagrantNet.Sdk.Pipeline;

/// <summary>
/// A built pipeline. Runs its steps in order; when one throws (or the user interrupts), every step
/// already entered that is <see cref="IRecoverable"/> recovers, newest first, then the error goes on.
/// </summary>
public sealed class ActionPipeline
{
    private readonly IReadOnlyList<IAction> _actions;

    internal ActionPipeline(IReadOnlyList<IAction> actions) => _actions = actions;

    public IReadOnlyList<IAction> Actions => _actions;

    public async Task RunAsync(ActionContext context)
    {
        var recoveredFrom = context.Entered.Count;
        try
        {
            await RunStepsAsync(context).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            await RecoverAsync(context, error, recoveredFrom).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs the steps without recovering (branches run inside the outer pipeline's recovery), then
    /// <paramref name="rest"/>: a branch slides into the outer chain as Vagrant's <c>Call</c> does.
    /// </summary>
    internal Task RunStepsAsync(ActionContext context, ActionDelegate? rest = null) => Next(0, rest)(context);

    private ActionDelegate Next(int index, ActionDelegate? rest) => async context =>
    {
        if (index >= _actions.Count)
        {
            if (rest is not null)
            {
                await rest(context).ConfigureAwait(false);
            }

            return;
        }

        // Interrupts are honoured between steps, never in the middle of one.
        context.Cancellation.ThrowIfCancellationRequested();
        var action = _actions[index];
        context.MarkEntered(action);
        context.Machine.Logger.LogDebug("Machine {Machine}: step {Step}", context.Machine.Name, ActionNames.InWords(action));
        await action.InvokeAsync(context, Next(index + 1, rest)).ConfigureAwait(false);
    };

    private static async Task RecoverAsync(ActionContext context, Exception error, int from)
    {
        for (var i = context.Entered.Count - 1; i >= from; i--)
        {
            if (context.Entered[i] is not IRecoverable recoverable)
            {
                continue;
            }

            try
            {
                context.Machine.Logger.LogDebug("Machine {Machine}: recovering step {Step}", context.Machine.Name, ActionNames.InWords(context.Entered[i]));
                await recoverable.RecoverAsync(context, error).ConfigureAwait(false);
            }
            catch (Exception recoveryError) when (recoveryError is not OperationCanceledException || !context.RecoveryToken.IsCancellationRequested)
            {
                // A failed recovery must not hide the original error nor stop the other recoveries.
                context.Ui.Warn($"Cleanup after the error failed in step \"{ActionNames.InWords(context.Entered[i])}\": {recoveryError.Message}");
            }
        }
    }
}
