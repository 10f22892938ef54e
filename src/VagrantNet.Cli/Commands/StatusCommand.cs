using System.CommandLine;
using VagrantNet.Cli.Completion;
using VagrantNet.Cli.Hosting;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet status [name...]</c>: each machine's state from its provider (never an IP lookup).</summary>
internal sealed class StatusCommand(CliContext context) : ICliCommand
{
    public string Name => "status";

    public Command Build()
    {
        var names = CommonArguments.Machines().WithMachineNames(context);
        var command = new Command(Name, "Outputs status of the vnet machines") { names };
        command.SetAction(async (parse, cancellation) =>
        {
            await using var environment = await context.LoadEnvironmentAsync().ConfigureAwait(false);
            var rows = new List<(string Name, string Provider, MachineState State)>();
            foreach (var name in environment.SelectMachines(parse.GetValue(names) ?? []))
            {
                // Only named here (not used), so skip the providers' host checks, which can load native libraries.
                var provider = environment.ProviderFor(name, null, checkUsable: false);
                if (environment.RequireProject().ExistingProvider(name) is null)
                {
                    // Nothing to ask a provider about: the machine has no state yet.
                    rows.Add((name, provider ?? "unknown", MachineState.NotCreated));
                    continue;
                }

                var machine = await environment.MachineAsync(name, null, context.Interrupts.Cancellation).ConfigureAwait(false);
                var state = await MachineCommandSupport.StateAsync(machine, context.Interrupts.Cancellation).ConfigureAwait(false);
                MachineCommandSupport.RecordState(machine, state);
                rows.Add((name, machine.ProviderName, state));
            }

            Print(rows);
            return 0;
        });
        return command;
    }

    private void Print(IReadOnlyList<(string Name, string Provider, MachineState State)> rows)
    {
        var ui = context.Ui;
        if (ui.MachineReadable)
        {
            foreach (var (name, provider, state) in rows)
            {
                ui.Data(name, "metadata", "provider", provider);
                ui.Data(name, "provider-name", provider);
                ui.Data(name, "state", state.Id);
                ui.Data(name, "state-human-short", state.ShortDescription);
                ui.Data(name, "state-human-long", state.LongDescription);
            }

            return;
        }

        var output = ui.Output;
        output.WriteLine("Current machine states:");
        output.WriteLine();
        var width = Math.Max(25, rows.Max(r => r.Name.Length) + 1);
        foreach (var (name, provider, state) in rows)
        {
            output.WriteLine($"{name.PadRight(width)} {state.ShortDescription} ({provider})");
        }

        output.WriteLine();
        output.WriteLine(rows.Count == 1
            ? rows[0].State.LongDescription
            : "This environment represents multiple VMs. The VMs are all listed above with their current state. For more information about a specific VM, run `vnet status NAME`.");
    }
}
