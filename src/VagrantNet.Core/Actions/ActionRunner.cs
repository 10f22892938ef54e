using VagrantNet.Core.Locking;
using VagrantNet.Core.Machines;
using VagrantNet.Core.Plugins;
using VagrantNet.Core.Triggers;
using VagrantNet.Sdk;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Core.Actions;

/// <summary>Runs a provider's pipeline for one machine: hooks applied, the machine locked, recovery on failure.</summary>
public sealed class ActionRunner(PluginRegistry registry, InterruptSource interrupts)
{
    /// <summary>How long a second command waits for a machine that another vnet process is working on.</summary>
    public static readonly TimeSpan MachineLockTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The recipe of <paramref name="action"/> for <paramref name="machine"/>, hooks applied.</summary>
    public ActionBuilder Recipe(Machine machine, string action)
    {
        var builder = machine.Provider.Action(action)
            ?? throw new VnetException($"Machine '{machine.Name}': the {machine.ProviderName} provider does not support the '{action}' action.");
        registry.ApplyHooks(action, builder);
        return builder;
    }

    /// <summary>Runs <paramref name="action"/>; <paramref name="seed"/> sets the context values the command passes in.</summary>
    public async Task RunAsync(Machine machine, string action, Action<ActionContext>? seed = null, bool lockMachine = true)
    {
        var builder = Recipe(machine, action);
        if (machine.Host.DryRun)
        {
            // A dry run prints the recipe and changes nothing.
            machine.Ui.Info($"Would run '{action}' with the {machine.ProviderName} provider (dry run):");
            foreach (var line in builder.Describe())
            {
                machine.Ui.Detail(line);
            }

            foreach (var stage in new[] { TriggerStage.Before, TriggerStage.After })
            {
                foreach (var trigger in machine.Config.Trigger.For(stage, action, machine.Name))
                {
                    machine.Ui.Detail($"Would run trigger {(stage == TriggerStage.Before ? "before" : "after")} {action}: {trigger.Name ?? "(unnamed)"}");
                }
            }

            return;
        }

        try
        {
            await RunLockedAsync(machine, action, builder, seed, lockMachine).ConfigureAwait(false);
        }
        finally
        {
            // A first up that failed and undid itself leaves nothing but the lock: leave the project as it was.
            machine.RemoveStateDirectoryIfOnlyTheLockIsLeft();
        }
    }

    private async Task RunLockedAsync(Machine machine, string action, ActionBuilder builder, Action<ActionContext>? seed, bool lockMachine)
    {
        await using var held = lockMachine
            ? await FileLock.AcquireAsync(Path.Combine(machine.DataDirectory, Machine.LockFileName), MachineLockTimeout, $"Machine '{machine.Name}'", interrupts.Cancellation).ConfigureAwait(false)
            : null;
        var context = new ActionContext(machine, interrupts.Cancellation, interrupts.Abort);
        seed?.Invoke(context);
        var triggers = new TriggerRunner(machine);

        // Vagrant's action triggers: before the recipe, and after it has finished, only when it succeeded.
        await triggers.FireAsync(TriggerStage.Before, action, interrupts.Cancellation).ConfigureAwait(false);
        try
        {
            await builder.Build().RunAsync(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not VnetError and not OperationCanceledException)
        {
            // Not a message meant for users on its own: say which machine and which step it came from.
            var step = context.Entered.Count > 0 ? ActionNames.InWords(context.Entered[^1]) : action;
            throw new VnetException($"Machine '{machine.Name}': step \"{step}\" failed: {e.Message}", e);
        }

        await triggers.FireAsync(TriggerStage.After, action, interrupts.Cancellation).ConfigureAwait(false);
    }
}
