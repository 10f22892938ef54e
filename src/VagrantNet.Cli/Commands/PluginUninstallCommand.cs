using System.CommandLine;
using VagrantNet.Cli.Hosting;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet plugin uninstall NAME</c>: removes a plugin that <c>vnet plugin install</c> installed.</summary>
internal sealed class PluginUninstallCommand(CliContext context) : ICliCommand
{
    public string Name => "uninstall";

    public Command Build()
    {
        var name = PluginCommand.NameArgument("The plugin to uninstall");
        var command = new Command(Name, "Uninstalls a plugin") { name };
        command.SetAction(async (parse, cancellation) =>
        {
            var id = parse.GetValue(name)!;
            var ui = context.Ui.Global;
            ui.Info($"Uninstalling the '{id}' plugin...");
            var removed = await PluginCommand.Installer(context).UninstallAsync(id, cancellation).ConfigureAwait(false);
            ui.Success($"Successfully uninstalled {removed.Id} ({removed.Version}).");
            return 0;
        });
        return command;
    }
}
