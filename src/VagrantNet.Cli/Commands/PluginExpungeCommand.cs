using System.CommandLine;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet plugin expunge [--force]</c>: removes every user plugin, after asking unless forced.</summary>
internal sealed class PluginExpungeCommand(CliContext context) : ICliCommand
{
    public string Name => "expunge";

    public Command Build()
    {
        var force = CommonArguments.Force("Remove every user plugin without asking");
        var command = new Command(Name, "Removes all user-installed plugins") { force };
        command.SetAction(async (parse, cancellation) =>
        {
            var ui = context.Ui.Global;
            if (!parse.GetValue(force))
            {
                // Only a person can answer, and a script that did not pass --force did not mean to remove everything.
                if (Console.IsInputRedirected)
                {
                    throw new VnetException($"`vnet plugin expunge` removes every plugin under {context.Paths.Plugins} and asks first, but stdin is not a terminal; pass --force to remove them without asking.");
                }

                if (!ui.Confirm($"This removes every user-installed plugin under {context.Paths.Plugins} (bundled plugins stay). Continue?", fallback: false))
                {
                    ui.Info("Nothing was removed.");
                    return 0;
                }
            }

            var removed = await PluginCommand.Installer(context).ExpungeAsync(cancellation).ConfigureAwait(false);
            ui.Success(removed.Count == 0
                ? "No user plugins were installed; nothing was removed."
                : $"Removed all user-installed plugins: {string.Join(", ", removed)}.");
            return 0;
        });
        return command;
    }
}
