using System.CommandLine;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core.Plugins.Installing;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet plugin install NAME [--plugin-version V] [--plugin-source FEED]</c>: installs a plugin package from a NuGet feed.</summary>
internal sealed class PluginInstallCommand(CliContext context) : ICliCommand
{
    public string Name => "install";

    public Command Build()
    {
        var name = PluginCommand.NameArgument("The plugin's NuGet package id");
        var version = new Option<string?>("--plugin-version") { Description = "The version to install (default: the newest stable one)", HelpName = "VERSION" };
        // Unlike Vagrant's, which adds a source to rubygems.org, this feed replaces the default: an offline install needs no network.
        var source = new Option<string?>("--plugin-source") { Description = $"The NuGet feed to install from: a v3 index URL or a folder of .nupkg files (default: {PluginFeed.DefaultSource})", HelpName = "FEED" };
        var command = new Command(Name, "Installs a plugin") { name, version, source };
        command.SetAction(async (parse, cancellation) =>
        {
            var id = parse.GetValue(name)!;
            var ui = context.Ui.Global;
            ui.Info($"Installing the '{id}' plugin...");
            var result = await PluginCommand.Installer(context).InstallAsync(id, parse.GetValue(version), parse.GetValue(source) ?? PluginFeed.DefaultSource, cancellation).ConfigureAwait(false);
            var plugin = result.Plugin;
            if (result.AlreadyInstalled)
            {
                ui.Info($"The plugin '{plugin.Id} ({plugin.Version})' is already installed.");
                return 0;
            }

            foreach (var dependency in plugin.Dependencies)
            {
                ui.Detail($"with dependency {dependency}");
            }

            ui.Success($"Installed the plugin '{plugin.Id} ({plugin.Version})'!");
            return 0;
        });
        return command;
    }
}
