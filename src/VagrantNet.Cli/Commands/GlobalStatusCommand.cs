using System.CommandLine;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core.Machines;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Cli.Commands;

/// <summary>
/// <c>vnet global-status [--prune]</c>: every machine in the machine index, with its state asked of its provider
/// now (not a cached value). <c>--prune</c> drops entries whose project or machine is gone.
/// </summary>
internal sealed class GlobalStatusCommand(CliContext context) : ICliCommand
{
    public string Name => "global-status";

    public Command Build()
    {
        var prune = new Option<bool>("--prune") { Description = "Prune invalid entries" };
        var command = new Command(Name, "Outputs status of vnet environments for this user") { prune };
        command.SetAction(async (parse, cancellation) =>
        {
            var index = new MachineIndex(context.Paths.MachineIndex);
            var rows = new List<(string Id, MachineIndexEntry Entry, string State)>();
            foreach (var (uuid, entry) in index.Read().OrderBy(e => e.Value.VagrantfilePath, StringComparer.Ordinal).ThenBy(e => e.Value.Name, StringComparer.Ordinal))
            {
                var state = await LiveStateAsync(entry).ConfigureAwait(false);
                if (state is null || !state.IsCreated)
                {
                    if (parse.GetValue(prune))
                    {
                        index.Remove(uuid);
                        continue;
                    }
                }

                rows.Add((uuid[..7], entry, state?.ShortDescription ?? "unknown (project is gone)"));
            }

            Print(rows);
            return 0;
        });
        return command;
    }

    /// <summary>Loads the entry's project and asks its provider; null when the project or machine is gone.</summary>
    private async Task<MachineState?> LiveStateAsync(MachineIndexEntry entry)
    {
        var directory = Path.GetDirectoryName(entry.VagrantfilePath);
        if (directory is null || !File.Exists(entry.VagrantfilePath) || !File.Exists(Path.Combine(entry.LocalDataPath, "machines", entry.Name, entry.Provider, "id")))
        {
            return null;
        }

        try
        {
            var project = new CliContext(directory, context.Interrupts, context.Builtins);
            project.ConfigureLike(context);
            await using var environment = await project.LoadEnvironmentAsync().ConfigureAwait(false);
            var machine = await environment.MachineAsync(entry.Name, entry.Provider, context.Interrupts.Cancellation).ConfigureAwait(false);
            return await machine.StateAsync(context.Interrupts.Cancellation).ConfigureAwait(false);
        }
        catch (Sdk.VnetError e)
        {
            return new MachineState("error", $"error: {e.Message.Split('\n')[0]}", e.Message);
        }
    }

    private void Print(IReadOnlyList<(string Id, MachineIndexEntry Entry, string State)> rows)
    {
        var ui = context.Ui;
        if (ui.MachineReadable)
        {
            foreach (var (id, entry, state) in rows)
            {
                ui.Data(id, "machine-id", id);
                ui.Data(id, "provider-name", entry.Provider);
                ui.Data(id, "machine-home", Path.GetDirectoryName(entry.VagrantfilePath) ?? string.Empty);
                ui.Data(id, "state", state);
            }

            return;
        }

        var output = ui.Output;
        output.WriteLine($"{"id",-8}{"name",-12}{"provider",-10}{"state",-12}directory");
        output.WriteLine(new string('-', 72));
        foreach (var (id, entry, state) in rows)
        {
            output.WriteLine($"{id,-8}{entry.Name,-12}{entry.Provider,-10}{state,-12}{Path.GetDirectoryName(entry.VagrantfilePath)}");
        }

        output.WriteLine();
        output.WriteLine(rows.Count == 0
            ? "There are no active vnet environments on this computer! Or, you haven't destroyed and recreated vnet environments that were started with an older version of vnet."
            : "The above shows information about all known vnet environments on this machine. The state is asked of each provider now. To clean up entries whose project or machine is gone, run `vnet global-status --prune`.");
    }
}
