using System.CommandLine;
using VagrantNet.Cli.Completion;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core;
using VagrantNet.Core.Machines;
using VagrantNet.Core.SyncedFolders;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet rsync [name...]</c>: syncs the rsync synced folders of running machines once.</summary>
internal sealed class RsyncCommand(CliContext context) : ICliCommand
{
    public string Name => "rsync";

    public Command Build()
    {
        var names = CommonArguments.Machines().WithMachineNames(context);
        var command = new Command(Name, "Syncs rsync synced folders to remote machine") { names };
        command.SetAction(async (parse, cancellation) =>
        {
            var support = new MachineCommandSupport(context);
            await using var environment = await context.LoadEnvironmentAsync().ConfigureAwait(false);
            foreach (var machine in await support.MachinesAsync(environment, parse.GetValue(names) ?? [], provider: null).ConfigureAwait(false))
            {
                var folders = await RsyncFolders.ForRunningAsync(machine, context.Interrupts.Cancellation).ConfigureAwait(false);
                await new RsyncSyncedFolder().EnableAsync(machine, folders, context.Interrupts.Cancellation).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}

/// <summary><c>vnet rsync-auto [name...]</c>: watches the host folders and re-syncs on change until Ctrl+C.</summary>
internal sealed class RsyncAutoCommand(CliContext context) : ICliCommand
{
    public string Name => "rsync-auto";

    public Command Build()
    {
        var names = CommonArguments.Machines().WithMachineNames(context);
        var noInitial = new Option<bool>("--no-rsync-initial") { Description = "Do not sync when starting to watch" };
        var command = new Command(Name, "Syncs rsync synced folders automatically when files change") { names, noInitial };
        command.SetAction(async (parse, cancellation) =>
        {
            var support = new MachineCommandSupport(context);
            await using var environment = await context.LoadEnvironmentAsync().ConfigureAwait(false);
            var watchers = new List<Task>();
            foreach (var machine in await support.MachinesAsync(environment, parse.GetValue(names) ?? [], provider: null).ConfigureAwait(false))
            {
                var folders = await RsyncFolders.ForRunningAsync(machine, context.Interrupts.Cancellation).ConfigureAwait(false);
                foreach (var folder in folders)
                {
                    machine.Ui.Info($"Watching: {folder.HostPath}");
                }

                var auto = new RsyncAuto(machine, folders) { InitialSync = !parse.GetValue(noInitial) };
                watchers.Add(auto.RunAsync(context.Interrupts.Cancellation));
            }

            try
            {
                await Task.WhenAll(watchers).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.Interrupts.Cancellation.IsCancellationRequested)
            {
                // Ctrl+C is how rsync-auto ends.
            }

            return 0;
        });
        return command;
    }
}

/// <summary>The rsync folders of a machine that must be running.</summary>
internal static class RsyncFolders
{
    public static async Task<IReadOnlyList<SyncedFolderDefinition>> ForRunningAsync(Machine machine, CancellationToken cancellation)
    {
        if (await machine.SshInfoAsync(cancellation).ConfigureAwait(false) is null)
        {
            throw new VnetException($"Machine '{machine.Name}' is not running, so there is nothing to rsync to. Run `vnet up` first.");
        }

        var folders = SyncedFolderPlan.For(machine)
            .Where(g => g.Type.Type == RsyncSyncedFolder.Type)
            .SelectMany(g => g.Folders)
            .ToList();
        if (folders.Count == 0)
        {
            machine.Ui.Info("No rsync synced folders are configured for this machine.");
        }

        return folders;
    }
}
