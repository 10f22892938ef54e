using System.CommandLine;
using VagrantNet.Cli.Completion;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core;
using VagrantNet.Core.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Cli.Commands;

/// <summary>
/// <c>vnet suspend [name...]</c>, or <c>vnet suspend -a</c>: every machine in the machine index, project by project, as
/// Vagrant's <c>--all-global</c>.
/// </summary>
internal sealed class SuspendCommand(CliContext context) : ICliCommand
{
    public string Name => "suspend";

    public Command Build()
    {
        var names = CommonArguments.Machines().WithMachineNames(context);
        var dryRun = CommonArguments.DryRun();
        var allGlobal = new Option<bool>("--all-global", "-a") { Description = "Suspend every machine on this host (the machine index), in every project" };
        var command = new Command(Name, "Suspends the machine") { names, dryRun, allGlobal };
        command.SetAction(async (parse, cancellation) =>
        {
            var support = new MachineCommandSupport(context);
            if (!parse.GetValue(allGlobal))
            {
                await using var environment = await context.LoadEnvironmentAsync(dryRun: parse.GetValue(dryRun)).ConfigureAwait(false);
                var machines = await support.MachinesAsync(environment, parse.GetValue(names) ?? [], provider: null).ConfigureAwait(false);
                await support.RunAsync(environment, machines, ActionNamesWellKnown.Suspend, parallelism: 1).ConfigureAwait(false);
                return 0;
            }

            if (parse.GetValue(names) is { Length: > 0 })
            {
                throw new VnetException("`vnet suspend --all-global` takes no machine names: it suspends every machine in the machine index.");
            }

            await SuspendEverywhereAsync(support, parse.GetValue(dryRun)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private async Task SuspendEverywhereAsync(MachineCommandSupport support, bool dryRun)
    {
        var entries = new MachineIndex(context.Paths.MachineIndex).Read().Values
            .Where(e => File.Exists(e.VagrantfilePath))
            .GroupBy(e => (e.VagrantfilePath, e.Provider))
            .OrderBy(g => g.Key.VagrantfilePath, StringComparer.Ordinal);
        foreach (var project in entries)
        {
            await using var environment = await context.LoadEnvironmentInAsync(Path.GetDirectoryName(project.Key.VagrantfilePath)!, dryRun: dryRun).ConfigureAwait(false);

            // The index records where each machine's state is; a project found under another Vagrantfile name or with
            // its state elsewhere now (VNET_VAGRANTFILE, VNET_DOTFILE_PATH) is not the one indexed, so it is left alone.
            var loaded = environment.RequireProject();
            var entry = project.First();
            if (loaded.VagrantfilePath != entry.VagrantfilePath || loaded.DataDirectory != entry.LocalDataPath)
            {
                context.Ui.Global.Warn($"Skipping the machines of {entry.VagrantfilePath}: from its directory vnet now finds {loaded.VagrantfilePath} with state in {loaded.DataDirectory}, not the indexed {entry.LocalDataPath}.");
                continue;
            }

            var machines = await support.MachinesAsync(environment, [.. project.Select(e => e.Name).Order(StringComparer.Ordinal)], project.Key.Provider).ConfigureAwait(false);
            await support.RunAsync(environment, machines, ActionNamesWellKnown.Suspend, parallelism: 1).ConfigureAwait(false);
        }
    }
}
