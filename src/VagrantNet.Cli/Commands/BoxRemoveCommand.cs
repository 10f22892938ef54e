using System.CommandLine;
using VagrantNet.Cli.Completion;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core;
using VagrantNet.Core.Boxes;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet box remove NAME</c>: removes an installed box, refusing while a machine uses it unless forced.</summary>
internal sealed class BoxRemoveCommand(CliContext context) : ICliCommand
{
    public string Name => "remove";

    public Command Build()
    {
        var name = new Argument<string>("name") { Description = "Name of the box to remove" }.WithBoxNames(context);
        var version = new Option<string?>("--box-version") { Description = "The version to remove" };
        var all = new Option<bool>("--all") { Description = "Remove every installed version, provider and architecture of the box" };
        var provider = new Option<string?>("--provider") { Description = "The provider-specific box to remove" };
        var architecture = new Option<string?>("--architecture") { Description = "The architecture-specific box to remove" };
        var allProviders = new Option<bool>("--all-providers") { Description = "Remove every provider of the chosen version" };
        var allArchitectures = new Option<bool>("--all-architectures") { Description = "Remove every architecture of the chosen version" };
        var force = new Option<bool>("--force", "-f") { Description = "Remove the box even while machines use it" };
        var command = new Command(Name, "Removes a box from the box store") { name, version, all, allProviders, allArchitectures, provider, architecture, force };
        command.SetAction(async (parse, cancellation) =>
        {
            var boxName = parse.GetValue(name)!;
            var store = BoxCommand.Store(context);
            var wantedVersion = parse.GetValue(version);
            var wantedProvider = parse.GetValue(provider);
            var wantedArchitecture = parse.GetValue(architecture);
            var selected = store.Installed(boxName)
                .Where(b => (wantedVersion is null || b.Version == wantedVersion)
                    && (wantedProvider is null || b.Provider == wantedProvider)
                    && (wantedArchitecture is null || b.Architecture == wantedArchitecture))
                .OrderByDescending(b => Sdk.Config.BoxVersionNumber.Parse(b.Version))
                .ToList();
            if (selected.Count == 0)
            {
                var filters = new[] { (wantedVersion, "version"), (wantedProvider, "provider"), (wantedArchitecture, "architecture") }
                    .Where(f => f.Item1 is not null).Select(f => $"{f.Item2} {f.Item1}").ToList();
                throw new VnetException(store.Installed(boxName).Count == 0
                    ? $"The box '{boxName}' is not installed. `vnet box list` shows the installed boxes."
                    : $"The box '{boxName}' is not installed with {string.Join(", ", filters)}. Installed: {string.Join(", ", store.Installed(boxName).Select(Describe))}.");
            }

            if (!parse.GetValue(all))
            {
                Ambiguous(boxName, selected, b => b.Version, "versions", "--box-version");
                if (!parse.GetValue(allProviders))
                {
                    Ambiguous(boxName, selected, b => b.Provider, "providers", "--provider (or --all-providers)");
                }

                if (!parse.GetValue(allArchitectures))
                {
                    Ambiguous(boxName, selected, b => b.Architecture, "architectures", "--architecture (or --all-architectures)");
                }
            }

            var users = BoxUsage.Users(BoxCommand.Index(context));
            var ui = context.Ui.Global;
            foreach (var box in selected)
            {
                var using_ = BoxUsage.UsersOf(users, box);
                if (using_.Count > 0 && !parse.GetValue(force)
                    && !ui.Confirm($"Box '{box.Name}' (v{box.Version}) with provider '{box.Provider}' is used by: {string.Join(", ", using_.Select(BoxCommand.Describe))}. Remove it anyway?", fallback: false))
                {
                    throw new VnetException($"Box '{box.Name}' (v{box.Version}) with provider '{box.Provider}' is in use by {string.Join(", ", using_.Select(BoxCommand.Describe))}; it was not removed. Destroy those machines first, or pass --force.");
                }

                await using var held = await store.LockAsync(box.Name, ui, cancellation).ConfigureAwait(false);
                ui.Info($"Removing box '{box.Name}' (v{box.Version}) with provider '{box.Provider}' ({box.Architecture})...");
                await RemoveProviderArtifactsAsync(box, inUse: using_.Count > 0, cancellation).ConfigureAwait(false);
                store.Remove(box);
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// Lets the box's provider remove what it made of the box outside the store (libvirt's pool image), before the box's
    /// files go. A provider that is not installed, or keeps nothing, has nothing to remove.
    /// </summary>
    private async Task RemoveProviderArtifactsAsync(BoxInfo box, bool inUse, CancellationToken cancellation)
    {
        var removal = context.LoadPlugins().Registry.FindProvider(box.Provider)?.Options.RemoveBoxArtifacts;
        if (removal is not null)
        {
            await removal(new BoxRemoval(box, context.Paths.Home, inUse, context.Ui.Global), cancellation).ConfigureAwait(false);
        }
    }

    private static void Ambiguous(string name, IReadOnlyList<BoxInfo> boxes, Func<BoxInfo, string> key, string what, string option)
    {
        var values = boxes.Select(key).Distinct().ToList();
        if (values.Count > 1)
        {
            throw new VnetException($"Box '{name}' is installed in several {what} ({string.Join(", ", values)}); choose one with {option}, or remove them all with --all.");
        }
    }

    private static string Describe(BoxInfo box) => $"v{box.Version} {box.Provider} ({box.Architecture})";
}
