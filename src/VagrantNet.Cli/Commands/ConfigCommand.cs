using System.CommandLine;
using System.Text.Json.Nodes;
using VagrantNet.Cli.Completion;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core.Configuration;

namespace VagrantNet.Cli.Commands;

/// <summary>
/// <c>vnet config [name...] [--json]</c>: what vnet will do with each machine, its merged and finalized configuration
/// (box Vagrantfile, user and project ones, Define block and provider override all applied, defaults filled), secrets
/// masked. The keys are documented in docs/config.md; the JSON is for tools and for comparing with other loaders.
/// </summary>
internal sealed class ConfigCommand(CliContext context) : ICliCommand
{
    public string Name => "config";

    public Command Build()
    {
        var names = CommonArguments.Machines().WithMachineNames(context);
        var json = new Option<bool>("--json") { Description = "Print the configuration as JSON" };
        var command = new Command(Name, "Shows the merged, finalized configuration of the machines") { names, json };
        command.SetAction(async (parse, cancellation) =>
        {
            await using var environment = await context.LoadEnvironmentAsync().ConfigureAwait(false);
            var machines = new List<JsonObject>();
            foreach (var name in environment.SelectMachines(parse.GetValue(names) ?? []))
            {
                var machine = await environment.MachineAsync(name, null, context.Interrupts.Cancellation).ConfigureAwait(false);
                machines.Add(ConfigDocument.Machine(machine.Name, machine.ProviderName, machine.Config, machine.ProviderConfig));
            }

            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(ConfigDocument.Json(machines)).ConfigureAwait(false);
                return 0;
            }

            var blocks = machines.Select(m => $"==> {m["name"]} ({m["provider"]})\n{ConfigDocument.Listing(m)}");
            await Console.Out.WriteAsync(string.Join('\n', blocks)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
