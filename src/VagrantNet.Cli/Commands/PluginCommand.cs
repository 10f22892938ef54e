using System.CommandLine;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core.Plugins;
using VagrantNet.Core.Plugins.Installing;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet plugin</c>: the parent of the plugin subcommands.</summary>
internal sealed class PluginCommand(CliContext context) : ICliCommand
{
    public string Name => "plugin";

    public Command Build()
    {
        var command = new Command(Name, "Manages plugins: install, uninstall, update, etc.");
        ICliCommand[] subcommands =
        [
            new PluginExpungeCommand(context),
            new PluginInstallCommand(context),
            new PluginListCommand(context),
            new PluginUninstallCommand(context),
            new PluginUpdateCommand(context),
        ];
        foreach (var subcommand in subcommands)
        {
            command.Add(subcommand.Build());
        }

        return command;
    }

    /// <summary>The installer of the user's plugins, checking them against the SDK this vnet provides.</summary>
    public static PluginInstaller Installer(CliContext context)
    {
        context.RequireUsableHome();
        return new PluginInstaller(context.Paths, CliContext.BundledPluginDirectory, PluginManager.SdkVersion);
    }

    public static Argument<string> NameArgument(string description) => new("name") { Description = description };
}
