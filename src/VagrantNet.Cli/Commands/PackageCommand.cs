using System.CommandLine;
using VagrantNet.Cli.Completion;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core;
using VagrantNet.Core.Boxes;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Cli.Commands;

/// <summary>
/// <c>vnet package [name] [--output FILE] [--vagrantfile FILE] [--include FILE,...]</c>: makes a box of a created machine,
/// as Vagrant's. The provider's <c>package</c> action halts the machine and writes its disk images and metadata.json;
/// this command adds the Vagrantfile and the included files and writes the box file, which appears whole or not at all.
/// </summary>
internal sealed class PackageCommand(CliContext context) : ICliCommand
{
    public string Name => "package";

    public Command Build()
    {
        var names = new Argument<string[]>("name") { Description = "The machine to package (needed when the project has several)", Arity = new ArgumentArity(0, 1) }.WithMachineNames(context);
        var output = new Option<string?>("--output") { Description = "Name of the file to output (default: package.box)" };
        var vagrantfile = new Option<string?>("--vagrantfile") { Description = "Vagrantfile to package with the box (a .csx one becomes its Vagrantfile.csx)" };
        var include = new Option<string[]>("--include") { Description = "Comma separated additional files to package with the box", AllowMultipleArgumentsPerToken = true };
        var command = new Command(Name, "Packages a vnet environment into a box") { names, output, vagrantfile, include };
        command.SetAction(async (parse, cancellation) =>
        {
            var directory = context.WorkingDirectory;
            var target = Path.GetFullPath(parse.GetValue(output) ?? "package.box", directory);
            var box = parse.GetValue(vagrantfile) is { } file ? Path.GetFullPath(file, directory) : null;
            var included = (parse.GetValue(include) ?? [])
                .SelectMany(i => i.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(i => Path.GetFullPath(i, directory))
                .ToList();
            BoxPackager.Check(target, box, included);

            var support = new MachineCommandSupport(context);
            await using var environment = await context.LoadEnvironmentAsync().ConfigureAwait(false);
            var machines = await support.MachinesAsync(environment, parse.GetValue(names) ?? [], provider: null).ConfigureAwait(false);
            if (machines.Count != 1)
            {
                throw new VnetException($"This project defines {machines.Count} machines ({string.Join(", ", machines.Select(m => m.Name))}); name the one to package: `vnet package NAME`.");
            }

            var machine = machines[0];
            if (machine.Provider.Action(ActionNamesWellKnown.Package) is null)
            {
                throw new VnetException($"Machine '{machine.Name}': the {machine.ProviderName} provider cannot package machines.");
            }

            var state = await MachineCommandSupport.StateAsync(machine, context.Interrupts.Cancellation).ConfigureAwait(false);
            if (!state.IsCreated)
            {
                throw new VnetException($"Machine '{machine.Name}' is not created, so there is nothing to package. Run `vnet up` first.");
            }

            // The disk copy is large and lives only until the box is written: disposing removes it, and one a killed vnet
            // left behind is swept as every scratch directory is.
            using var scratch = ScratchDirectory.Create(context.Paths, BoxPackager.ScratchPrefix, create: true);
            await support.RunAsync(environment, machines, ActionNamesWellKnown.Package, parallelism: 1, ctx => ctx.Set(PackageKeys.Directory, scratch.Path)).ConfigureAwait(false);
            machine.Ui.Info($"Compressing package to: {target}");
            await BoxPackager.PackAsync(scratch.Path, target, box, Path.Combine(machine.DataDirectory, Core.Communication.KeyInsertion.PrivateKeyFile), included, context.Interrupts.Cancellation).ConfigureAwait(false);

            return 0;
        });
        return command;
    }
}
