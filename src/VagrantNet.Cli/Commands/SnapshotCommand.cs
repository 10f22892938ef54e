using System.CommandLine;
using VagrantNet.Cli.Completion;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core;
using VagrantNet.Core.Environment;
using VagrantNet.Core.Machines;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet snapshot</c>: the parent of save, restore, list, delete, push and pop, as Vagrant's.</summary>
internal sealed class SnapshotCommand(CliContext context) : ICliCommand
{
    public string Name => "snapshot";

    public Command Build()
    {
        var command = new Command(Name, "Manages snapshots: saving, restoring, etc.");
        ICliCommand[] subcommands =
        [
            new SnapshotSaveCommand(context),
            new SnapshotRestoreCommand(context),
            new SnapshotListCommand(context),
            new SnapshotByNameCommand(context, "delete", "Deletes a named snapshot of the machines", ActionNamesWellKnown.SnapshotDelete),
            new SnapshotPushCommand(context),
            new SnapshotPopCommand(context),
        ];
        foreach (var subcommand in subcommands)
        {
            command.Add(subcommand.Build());
        }

        return command;
    }

    /// <summary><c>[vm-name...] NAME</c>: the last word names the snapshot, the ones before it the machines (all when none).</summary>
    public static Argument<string[]> MachinesThenName() =>
        new("args") { Description = "Machine names (all machines when omitted), then the snapshot's name", Arity = ArgumentArity.OneOrMore, HelpName = "[name...] snapshot" };

    public static (IReadOnlyList<string> Machines, string Snapshot) Split(string[] words) => (words[..^1], words[^1]);

    /// <summary>Loads the machines and runs a snapshot action on each in turn, as every machine command does.</summary>
    public static async Task RunAsync(CliContext context, IReadOnlyList<string> names, string action, Action<ActionContext> seed)
    {
        var support = new MachineCommandSupport(context);
        await using var environment = await context.LoadEnvironmentAsync().ConfigureAwait(false);
        var machines = await support.MachinesAsync(environment, names, provider: null).ConfigureAwait(false);
        await support.RunAsync(environment, machines, action, parallelism: 1, seed).ConfigureAwait(false);
    }

    /// <summary>What <c>restore</c> and <c>pop</c> hand the restore action: the snapshot and the provisioning flags.</summary>
    public static Action<ActionContext> RestoreSeed(string snapshot, ProvisionOptions provisioning, ParseResult parse, bool start) => ctx =>
    {
        ctx.Set(SnapshotKeys.Name, snapshot);
        provisioning.Seed(parse, ctx, forced: start ? null : false);
        if (!start)
        {
            ctx.Set(SnapshotKeys.Start, false);
        }
    };

    /// <summary><c>--no-start</c> of restore and pop; provisioning a guest that is not started cannot be done, so asking for both is refused.</summary>
    public static Option<bool> NoStart() => new("--no-start") { Description = "Do not start the machine after restoring the snapshot" };

    public static bool Start(ParseResult parse, Option<bool> noStart)
    {
        var start = !parse.GetValue(noStart);
        var provision = parse.Tokens.Any(t => t.Value is "--provision" or "--provision-with");
        return !start && provision
            ? throw new VnetException("--no-start and --provision cannot be used together: provisioners run in a started machine. Restore with --no-start, then `vnet up --provision`.")
            : start;
    }

    /// <summary>The machine's snapshots, oldest first, through the provider's <c>snapshot_list</c>.</summary>
    public static async Task<IReadOnlyList<SnapshotInfo>> ListAsync(CliContext context, VnetEnvironment environment, Machine machine)
    {
        ActionContext? captured = null;
        await new Core.Actions.ActionRunner(environment.Registry, context.Interrupts)
            .RunAsync(machine, ActionNamesWellKnown.SnapshotList, ctx => captured = ctx, lockMachine: Directory.Exists(machine.DataDirectory)).ConfigureAwait(false);
        return captured?.GetOrDefault(SnapshotKeys.List) ?? [];
    }
}

/// <summary><c>vnet snapshot save|delete [vm-name...] NAME</c>: one snapshot action by name on each machine.</summary>
internal sealed class SnapshotByNameCommand(CliContext context, string name, string description, string action) : ICliCommand
{
    public string Name => name;

    public Command Build()
    {
        var words = SnapshotCommand.MachinesThenName();
        var command = new Command(Name, description) { words };
        command.SetAction(async (parse, cancellation) =>
        {
            var (machines, snapshot) = SnapshotCommand.Split(parse.GetValue(words)!);
            await SnapshotCommand.RunAsync(context, machines, action, ctx => ctx.Set(SnapshotKeys.Name, snapshot)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}

/// <summary>
/// <c>vnet snapshot save [vm-name...] NAME [-f]</c>: a name a machine already has is refused, as Vagrant refuses it;
/// <c>-f</c> deletes that snapshot first, through the provider's <c>snapshot_delete</c>, then saves.
/// </summary>
internal sealed class SnapshotSaveCommand(CliContext context) : ICliCommand
{
    public string Name => "save";

    public Command Build()
    {
        var words = SnapshotCommand.MachinesThenName();
        var force = new Option<bool>("--force", "-f") { Description = "Replace the snapshot if it exists, without confirmation" };
        var command = new Command(Name, "Saves a snapshot of the machines under a name") { words, force };
        command.SetAction(async (parse, cancellation) =>
        {
            var (names, snapshot) = SnapshotCommand.Split(parse.GetValue(words)!);
            var support = new MachineCommandSupport(context);
            await using var environment = await context.LoadEnvironmentAsync().ConfigureAwait(false);
            var runner = new Core.Actions.ActionRunner(environment.Registry, context.Interrupts);
            foreach (var machine in await support.MachinesAsync(environment, names, provider: null).ConfigureAwait(false))
            {
                var exists = (await SnapshotCommand.ListAsync(context, environment, machine).ConfigureAwait(false)).Any(s => s.Name == snapshot);
                if (exists && !parse.GetValue(force))
                {
                    throw new VnetException($"Machine '{machine.Name}' already has a snapshot named '{snapshot}'. Use another name, or `vnet snapshot save --force` to replace it.");
                }

                if (exists)
                {
                    await runner.RunAsync(machine, ActionNamesWellKnown.SnapshotDelete, ctx => ctx.Set(SnapshotKeys.Name, snapshot), lockMachine: true).ConfigureAwait(false);
                }

                await support.RunAsync(environment, [machine], ActionNamesWellKnown.SnapshotSave, parallelism: 1, ctx => ctx.Set(SnapshotKeys.Name, snapshot)).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}

/// <summary><c>vnet snapshot restore [vm-name...] NAME [--provision|--no-provision]</c>.</summary>
internal sealed class SnapshotRestoreCommand(CliContext context) : ICliCommand
{
    public string Name => "restore";

    public Command Build()
    {
        var words = SnapshotCommand.MachinesThenName();
        var provisioning = new ProvisionOptions();
        var noStart = SnapshotCommand.NoStart();
        var command = new Command(Name, "Restores the machines to a named snapshot, running") { words, noStart };
        provisioning.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var (machines, snapshot) = SnapshotCommand.Split(parse.GetValue(words)!);
            var start = SnapshotCommand.Start(parse, noStart);
            await SnapshotCommand.RunAsync(context, machines, ActionNamesWellKnown.SnapshotRestore, SnapshotCommand.RestoreSeed(snapshot, provisioning, parse, start)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}

/// <summary><c>vnet snapshot list [vm-name...]</c>: each machine's snapshots, oldest first.</summary>
internal sealed class SnapshotListCommand(CliContext context) : ICliCommand
{
    public string Name => "list";

    public Command Build()
    {
        var names = CommonArguments.Machines().WithMachineNames(context);
        var command = new Command(Name, "Lists the snapshots of the machines") { names };
        command.SetAction(async (parse, cancellation) =>
        {
            var support = new MachineCommandSupport(context);
            await using var environment = await context.LoadEnvironmentAsync().ConfigureAwait(false);
            var ui = context.Ui;
            foreach (var machine in await support.MachinesAsync(environment, parse.GetValue(names) ?? [], provider: null).ConfigureAwait(false))
            {
                var snapshots = await SnapshotCommand.ListAsync(context, environment, machine).ConfigureAwait(false);
                if (ui.MachineReadable)
                {
                    foreach (var snapshot in snapshots)
                    {
                        ui.Data(machine.Name, "snapshot", snapshot.Name, snapshot.CreatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), snapshot.State);
                    }

                    continue;
                }

                ui.Output.WriteLine($"==> {machine.Name}: {(snapshots.Count == 0 ? "no snapshots yet." : string.Empty)}".TrimEnd());
                foreach (var snapshot in snapshots)
                {
                    ui.Output.WriteLine($"{snapshot.Name}  ({snapshot.CreatedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss}, {snapshot.State})");
                }
            }

            return 0;
        });
        return command;
    }
}

/// <summary><c>vnet snapshot push [vm-name...]</c>: saves a snapshot with a generated name, for <c>pop</c> to return to.</summary>
internal sealed class SnapshotPushCommand(CliContext context) : ICliCommand
{
    /// <summary>Names of pushed snapshots start so, then the Unix time and a random suffix.</summary>
    public const string Prefix = "push_";

    public string Name => "push";

    public Command Build()
    {
        var names = CommonArguments.Machines().WithMachineNames(context);
        var command = new Command(Name, "Saves a snapshot to a stack that `vnet snapshot pop` returns to") { names };
        command.SetAction(async (parse, cancellation) =>
        {
            var snapshot = $"{Prefix}{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}_{Random.Shared.Next(1000, 10000)}";
            await SnapshotCommand.RunAsync(context, parse.GetValue(names) ?? [], ActionNamesWellKnown.SnapshotSave, ctx => ctx.Set(SnapshotKeys.Name, snapshot)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}

/// <summary><c>vnet snapshot pop [vm-name...] [--no-delete]</c>: restores the newest pushed snapshot, then deletes it.</summary>
internal sealed class SnapshotPopCommand(CliContext context) : ICliCommand
{
    public string Name => "pop";

    public Command Build()
    {
        var names = CommonArguments.Machines().WithMachineNames(context);
        var noDelete = new Option<bool>("--no-delete") { Description = "Keep the snapshot after restoring it" };
        var provisioning = new ProvisionOptions();
        var noStart = SnapshotCommand.NoStart();
        var command = new Command(Name, "Restores the newest pushed snapshot and deletes it") { names, noDelete, noStart };
        provisioning.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var start = SnapshotCommand.Start(parse, noStart);
            var support = new MachineCommandSupport(context);
            await using var environment = await context.LoadEnvironmentAsync().ConfigureAwait(false);
            var runner = new Core.Actions.ActionRunner(environment.Registry, context.Interrupts);
            foreach (var machine in await support.MachinesAsync(environment, parse.GetValue(names) ?? [], provider: null).ConfigureAwait(false))
            {
                var pushed = (await SnapshotCommand.ListAsync(context, environment, machine).ConfigureAwait(false))
                    .LastOrDefault(s => s.Name.StartsWith(SnapshotPushCommand.Prefix, StringComparison.Ordinal))
                    ?? throw new VnetException($"Machine '{machine.Name}' has no pushed snapshot to pop. `vnet snapshot push` saves one.");
                await runner.RunAsync(machine, ActionNamesWellKnown.SnapshotRestore, SnapshotCommand.RestoreSeed(pushed.Name, provisioning, parse, start), lockMachine: Directory.Exists(machine.DataDirectory)).ConfigureAwait(false);
                if (!parse.GetValue(noDelete))
                {
                    await runner.RunAsync(machine, ActionNamesWellKnown.SnapshotDelete, ctx => ctx.Set(SnapshotKeys.Name, pushed.Name), lockMachine: Directory.Exists(machine.DataDirectory)).ConfigureAwait(false);
                }
            }

            return 0;
        });
        return command;
    }
}
