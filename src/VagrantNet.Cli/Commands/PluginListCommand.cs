using System.CommandLine;
using System.Reflection;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core.Plugins;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet plugin list</c>: each plugin as Vagrant lists them, <c>name (version, global)</c>; bundled ones are <c>system</c>.</summary>
internal sealed class PluginListCommand(CliContext context) : ICliCommand
{
    public string Name => "list";

    public Command Build()
    {
        var command = new Command(Name, "Lists installed plugins");
        command.SetAction(_ =>
        {
            var installed = PluginCommand.Installer(context).Manifest.Read();
            var lines = PluginManager.Discover([CliContext.BundledPluginDirectory]).Select(p => Line(p, "system"))
                .Concat(PluginManager.Discover([context.Paths.Plugins]).Select(path =>
                {
                    var name = Path.GetFileNameWithoutExtension(path);
                    return installed.FirstOrDefault(p => p.Id == name) is { } plugin ? $"{plugin.Id} ({plugin.Version}, global)" : Line(path, "global");
                }))
                .ToList();
            var ui = context.Ui.Global;
            if (lines.Count == 0)
            {
                ui.Info("No plugins installed.");
            }

            foreach (var line in lines)
            {
                ui.Info(line);
            }

            return 0;
        });
        return command;
    }

    /// <summary>A plugin that no manifest describes (bundled, or placed by hand), by its assembly's version.</summary>
    private static string Line(string assemblyPath, string scope) =>
        $"{Path.GetFileNameWithoutExtension(assemblyPath)} ({AssemblyName.GetAssemblyName(assemblyPath).Version?.ToString(3) ?? "no version"}, {scope})";
}
