using System.CommandLine;
using VagrantNet.Cli.Completion;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core.Boxes;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet box prune</c>: removes every version of each box except the newest.</summary>
internal sealed class BoxPruneCommand(CliContext context) : ICliCommand
{
    public string Name => "prune";

    public Command Build()
    {
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "Only print what would be removed" };
        var keepActive = new Option<bool>("--keep-active-boxes", "-a") { Description = "Keep boxes that machines still use" };
        var name = new Option<string?>("--name") { Description = "Prune only this box" }.WithBoxNames(context);
        var provider = new Option<string?>("--provider") { Description = "Prune only boxes for this provider" };
        var force = new Option<bool>("--force", "-f") { Description = "Remove boxes that machines still use without asking" };
        var command = new Command(Name, "Removes old versions of installed boxes") { dryRun, keepActive, name, provider, force };
        command.SetAction(async (parse, cancellation) =>
        {
            var store = BoxCommand.Store(context);
            var ui = context.Ui.Global;
            var wantedName = parse.GetValue(name);
            var wantedProvider = parse.GetValue(provider);
            var old = store.All()
                .Where(b => (wantedName is null || b.Name == wantedName) && (wantedProvider is null || b.Provider == wantedProvider))
                .GroupBy(b => (b.Name, b.Provider, b.Architecture))
                .SelectMany(g => g.OrderByDescending(b => BoxVersionNumber.Parse(b.Version)).Skip(1))
                .ToList();
            if (old.Count == 0)
            {
                ui.Info("No old versions of boxes to remove.");
                return 0;
            }

            var users = BoxUsage.Users(BoxCommand.Index(context));
            foreach (var box in old)
            {
                var what = $"'{box.Name}' (v{box.Version}) with provider '{box.Provider}' ({box.Architecture})";
                var using_ = BoxUsage.UsersOf(users, box);
                if (using_.Count > 0)
                {
                    var machines = string.Join(", ", using_.Select(BoxCommand.Describe));
                    if (parse.GetValue(keepActive))
                    {
                        ui.Info($"Keeping box {what}: it is in use by {machines}.");
                        continue;
                    }

                    if (!parse.GetValue(force) && !parse.GetValue(dryRun) && !ui.Confirm($"Box {what} is in use by {machines}. Remove it anyway?", fallback: false))
                    {
                        ui.Info($"Keeping box {what}: it is in use by {machines} (--force removes it anyway).");
                        continue;
                    }
                }

                if (parse.GetValue(dryRun))
                {
                    ui.Info($"Would remove box {what}.");
                    continue;
                }

                await using var held = await store.LockAsync(box.Name, ui, cancellation).ConfigureAwait(false);
                ui.Info($"Removing box {what}...");
                store.Remove(box);
            }

            return 0;
        });
        return command;
    }
}
