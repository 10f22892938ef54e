using System.CommandLine;
using VagrantNet.Cli.Hosting;
using VagrantNet.Cli.Ui;
using VagrantNet.Core.Machines;

namespace VagrantNet.Cli.Commands;

/// <summary>
/// <c>vnet global-status [--prune]</c>: every machine in the machine index, with the state recorded there, as
/// Vagrant does. No project's Vagrantfile.csx is evaluated: one that loops or exits would take the command with it.
/// <c>--prune</c> drops entries whose project or machine is gone.
/// </summary>
internal sealed class GlobalStatusCommand(CliContext context) : ICliCommand
{
    public string Name => "global-status";

    public Command Build()
    {
        var prune = new Option<bool>("--prune") { Description = "Prune invalid entries" };
        var command = new Command(Name, "Outputs status of vnet environments for this user") { prune };
        command.SetAction(parse =>
        {
            var index = new MachineIndex(context.Paths.MachineIndex);
            var rows = new List<(string Id, MachineIndexEntry Entry, string State)>();
            foreach (var (uuid, entry) in index.Read().OrderBy(e => e.Value.VagrantfilePath, StringComparer.Ordinal).ThenBy(e => e.Value.Name, StringComparer.Ordinal))
            {
                var gone = Gone(entry);
                if (gone && parse.GetValue(prune))
                {
                    index.Remove(uuid);
                    continue;
                }

                rows.Add((uuid.Length > 7 ? uuid[..7] : uuid, entry, gone ? "unknown (project is gone)" : entry.State));
            }

            Print(rows);
            return 0;
        });
        return command;
    }

    /// <summary>Whether the entry's project file or the machine's id file no longer exists.</summary>
    private static bool Gone(MachineIndexEntry entry) =>
        !File.Exists(entry.VagrantfilePath) || !File.Exists(Path.Combine(entry.LocalDataPath, "machines", entry.Name, entry.Provider, "id"));

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
            // The index is a file anyone can edit: its text is escaped like any message.
            output.WriteLine(TerminalText.Escape($"{id,-8}{entry.Name,-12}{entry.Provider,-10}{state,-12}{Path.GetDirectoryName(entry.VagrantfilePath)}"));
        }

        output.WriteLine();
        output.WriteLine(rows.Count == 0
            ? "There are no active vnet environments on this computer! Or, you haven't destroyed and recreated vnet environments that were started with an older version of vnet."
            : "The above shows information about all known vnet environments on this machine. The state is the one vnet last saw (`vnet status` in a project refreshes it). To clean up entries whose project or machine is gone, run `vnet global-status --prune`.");
    }
}
