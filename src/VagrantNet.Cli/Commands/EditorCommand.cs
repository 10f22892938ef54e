using System.CommandLine;
using VagrantNet.Cli.Editor;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core.Environment;
using VagrantNet.Core.IO;

namespace VagrantNet.Cli.Commands;

/// <summary>
/// <c>vnet editor</c>: writes, or brings up to date, the project under <c>.vnet/editor/</c> that lets a C# editor complete
/// the Vagrantfile.csx. The script is not compiled: a Vagrantfile with errors is when completion is wanted most.
/// </summary>
internal sealed class EditorCommand(CliContext context) : ICliCommand
{
    public string Name => "editor";

    public Command Build()
    {
        var command = new Command(Name, "Writes .vnet/editor/ so that C# editors complete the Vagrantfile.csx (run again after adding a plugin)");
        command.SetAction(parse =>
        {
            var vagrantfile = VagrantfileLocator.Require(context.WorkingDirectory);
            var (result, path) = EditorFiles.Write(vagrantfile, context.PluginDirectories);
            context.Ui.Global.Info(result switch
            {
                EditorFilesResult.Written => $"Wrote {DisplayPath.Of(path)}: open the project directory in a C# editor to complete {Path.GetFileName(vagrantfile)}.",
                EditorFilesResult.Updated => $"Updated {DisplayPath.Of(path)} for this vnet and its plugins.",
                _ => $"{DisplayPath.Of(path)} is up to date.",
            });
            return 0;
        });
        return command;
    }
}
