using System.CommandLine;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core.Boxes;
using VagrantNet.Core.Machines;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet box</c>: the parent of the box subcommands.</summary>
internal sealed class BoxCommand(CliContext context) : ICliCommand
{
    public string Name => "box";

    public Command Build()
    {
        var command = new Command(Name, "Manages boxes: installation, removal, etc.");
        ICliCommand[] subcommands =
        [
            new BoxAddCommand(context),
            new BoxListCommand(context),
            new BoxOutdatedCommand(context),
            new BoxPruneCommand(context),
            new BoxRemoveCommand(context),
            new BoxRepackageCommand(context),
            new BoxUpdateCommand(context),
        ];
        foreach (var subcommand in subcommands)
        {
            command.Add(subcommand.Build());
        }

        return command;
    }

    /// <summary>The user's box store.</summary>
    public static BoxCollection Store(CliContext context) => context.Boxes(context.LoggerFactory.CreateLogger("boxes"));

    public static MachineIndex Index(CliContext context) => new(context.Paths.MachineIndex);

    public static string Describe(BoxUser user) => $"{user.Machine} ({Path.GetDirectoryName(user.VagrantfilePath)})";
}
