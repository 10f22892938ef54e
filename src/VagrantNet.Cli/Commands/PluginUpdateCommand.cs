using System.CommandLine;
using VagrantNet.Cli.Hosting;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet plugin update [NAME]</c>: moves plugins to the newest stable version on the feed each came from.</summary>
internal sealed class PluginUpdateCommand(CliContext context) : ICliCommand
{
    public string Name => "update";

    public Command Build()
    {
        var name = new Argument<string?>("name") { Description = "The plugin to update (default: all of them)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command(Name, "Updates installed plugins to their newest versions") { name };
        command.SetAction(async (parse, cancellation) =>
        {
            var id = parse.GetValue(name);
            var ui = context.Ui.Global;
            ui.Info(id is null ? "Updating installed plugins..." : $"Updating the '{id}' plugin...");
            var results = await PluginCommand.Installer(context).UpdateAsync(id, cancellation).ConfigureAwait(false);
            if (results.Count == 0)
            {
                ui.Info("No plugins installed; there is nothing to update.");
            }

            foreach (var result in results)
            {
                if (result.Updated is { } updated)
                {
                    ui.Success($"Updated '{updated.Id}' from version '{result.Previous.Version}' to '{updated.Version}'!");
                }
                else
                {
                    ui.Info($"'{result.Previous.Id}' is up to date ({result.Previous.Version}).");
                }
            }

            return 0;
        });
        return command;
    }
}
