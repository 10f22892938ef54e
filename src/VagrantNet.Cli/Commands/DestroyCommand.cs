using System.CommandLine;
using VagrantNet.Cli.Completion;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet destroy [-f]</c>: removes machines and everything vnet made for them, after a confirmation.</summary>
internal sealed class DestroyCommand(CliContext context) : ICliCommand
{
    public string Name => "destroy";

    public Command Build()
    {
        var names = CommonArguments.Machines().WithMachineNames(context);
        var force = CommonArguments.Force("Destroy without confirmation");
        var parallel = new Option<bool>("--parallel") { Description = "Destroy machines in parallel" };
        var dryRun = CommonArguments.DryRun();
        var command = new Command(Name, "Stops and deletes all traces of the vnet machine") { names, force, parallel, dryRun };
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

            await support.RunAsync(environment, chosen, ActionNamesWellKnown.Destroy, parse.GetValue(parallel) ? System.Environment.ProcessorCount : 1, ctx => ctx.Set(CommandOptionKeys.Force, true)).ConfigureAwait(false);
            foreach (var machine in chosen.Where(_ => !parse.GetValue(dryRun)))
            {
                machine.RemoveStateDirectory();
            }

            return 0;
        });
        return command;
    }
}
