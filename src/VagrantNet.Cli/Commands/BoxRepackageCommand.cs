using System.CommandLine;
using VagrantNet.Cli.Completion;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core;
using VagrantNet.Core.Boxes;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet box repackage NAME PROVIDER VERSION</c>: packs an installed box back into <c>./package.box</c>.</summary>
internal sealed class BoxRepackageCommand(CliContext context) : ICliCommand
{
    public string Name => "repackage";

    public const string OutputName = "package.box";

    public Command Build()
    {
        var name = new Argument<string>("name") { Description = "Name of the installed box" }.WithBoxNames(context);
        var provider = new Argument<string>("provider") { Description = "Its provider" };
        var version = new Argument<string>("version") { Description = "Its version" };
        var architecture = new Option<string?>("--architecture") { Description = "Its architecture, when several are installed" };
        var command = new Command(Name, "Repackages an installed box into a .box file") { name, provider, version, architecture };
        command.SetAction(async (parse, cancellation) =>
        {
            var boxName = parse.GetValue(name)!;
            var boxProvider = parse.GetValue(provider)!;
            var boxVersion = parse.GetValue(version)!;
            var wantedArchitecture = parse.GetValue(architecture);
            var candidates = BoxCommand.Store(context).Installed(boxName)
                .Where(b => b.Provider == boxProvider && b.Version == boxVersion && (wantedArchitecture is null || b.Architecture == wantedArchitecture))
                .ToList();
            var box = candidates.Count switch
            {
                0 => throw new VnetException($"The box '{boxName}' (v{boxVersion}) with provider '{boxProvider}' is not installed. `vnet box list` shows the installed boxes."),
                1 => candidates[0],
                _ => throw new VnetException($"The box '{boxName}' (v{boxVersion}) with provider '{boxProvider}' is installed for several architectures ({string.Join(", ", candidates.Select(c => c.Architecture))}); choose one with --architecture."),
            };
            var output = Path.Combine(context.WorkingDirectory, OutputName);
            if (File.Exists(output))
            {
                throw new VnetException($"{output} already exists; move it away and run the command again.");
            }

            context.Ui.Global.Info($"Repackaging box '{box.Name}' (v{box.Version}) with provider '{box.Provider}' into {OutputName}...");
            await BoxRepackager.RepackageAsync(box, output, cancellation).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
