using System.CommandLine;
using VagrantNet.Cli.Completion;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Cli.Commands;

/// <summary>
/// <c>vnet destroy [-f] [-g] [--[no-]parallel]</c>: removes machines and everything vnet made for them, after a confirmation;
/// with <c>-g</c> each running machine is first shut down through its provider's <c>halt</c>, as Vagrant's graceful destroy.
/// </summary>
internal sealed class DestroyCommand(CliContext context) : ICliCommand
{
    public string Name => "destroy";

    public Command Build()
    {
        var names = CommonArguments.Machines().WithMachineNames(context);
        var force = CommonArguments.Force("Destroy without confirmation");
        var parallel = new Option<bool>("--parallel") { Description = "Destroy machines in parallel" };
        var noParallel = new Option<bool>("--no-parallel") { Description = "Destroy machines one after another (the default; wins over --parallel)" };
        var graceful = new Option<bool>("--graceful", "-g") { Description = "Shut the machines down gracefully (halt) before destroying them" };
        var dryRun = CommonArguments.DryRun();
        var command = new Command(Name, "Stops and deletes all traces of the vnet machine") { names, force, parallel, noParallel, graceful, dryRun };
        command.SetAction(async (parse, cancellation) =>
        {
            var support = new MachineCommandSupport(context);
            await using var environment = await context.LoadEnvironmentAsync(dryRun: parse.GetValue(dryRun)).ConfigureAwait(false);
            var all = await support.MachinesAsync(environment, parse.GetValue(names) ?? [], provider: null).ConfigureAwait(false);
            var chosen = new List<Core.Machines.Machine>();
            foreach (var machine in all)
            {
                if ((await MachineCommandSupport.StateAsync(machine, context.Interrupts.Cancellation).ConfigureAwait(false)).IsCreated is false)
                {
                    machine.Ui.Info("VM not created. Moving on...");
                    continue;
                }

                if (!parse.GetValue(force) && !parse.GetValue(dryRun))
                {
                    if (!context.Ui.Interactive)
                    {
                        throw new VnetException($"Destroying '{machine.Name}' needs a confirmation, and there is no terminal to ask on. Run `vnet destroy -f` to destroy without asking.");
                    }

                    if (!machine.Ui.Confirm($"Are you sure you want to destroy the '{machine.Name}' VM?", fallback: false))
                    {
                        machine.Ui.Info("The VM will not be destroyed.");
                        continue;
                    }
                }

                chosen.Add(machine);
            }

            var parallelism = parse.GetValue(parallel) && !parse.GetValue(noParallel) ? System.Environment.ProcessorCount : 1;
            if (parse.GetValue(graceful))
            {
                // The provider's own halt, not forced: the guest gets its ACPI shutdown (and halt's wait) before the domain
                // is removed, so services stop cleanly; a machine that is already off passes through halt unchanged.
                await support.RunAsync(environment, chosen, ActionNamesWellKnown.Halt, parallelism, ctx => ctx.Set(CommandOptionKeys.Force, false)).ConfigureAwait(false);
            }

            await support.RunAsync(environment, chosen, ActionNamesWellKnown.Destroy, parallelism, ctx => ctx.Set(CommandOptionKeys.Force, true)).ConfigureAwait(false);
            foreach (var machine in chosen.Where(_ => !parse.GetValue(dryRun)))
            {
                machine.RemoveStateDirectory();
            }

            return 0;
        });
        return command;
    }
}
