using System.CommandLine;
using VagrantNet.Cli.Completion;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core;
using VagrantNet.Core.Boxes;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet box update [--box NAME]</c>: downloads the newest catalog version of a box (or of the project's boxes).</summary>
internal sealed class BoxUpdateCommand(CliContext context) : ICliCommand
{
    public string Name => "update";

    public Command Build()
    {
        var boxName = new Option<string?>("--box") { Description = "Update this installed box instead of the project's boxes" }.WithBoxNames(context);
        var provider = new Option<string?>("--provider") { Description = "Update the box for this provider only" };
        var architecture = new Option<string?>("--architecture") { Description = "Update the box for this architecture only" };
        var insecure = new Option<bool>("--insecure") { Description = "Do not verify TLS certificates" };
        var caCert = new Option<string?>("--cacert") { Description = "CA certificate(s) (PEM) to verify the server with" };
        var force = new Option<bool>("--force", "-f") { Description = "Download the newest version again even if it is installed, replacing it" };
        var command = new Command(Name, "Updates a box to its newest catalog version") { boxName, provider, architecture, insecure, caCert, force };
        command.SetAction(async (parse, cancellation) =>
        {
            var store = BoxCommand.Store(context);
            using var updates = new BoxUpdates(store, parse.GetValue(insecure), parse.GetValue(caCert), context.LoggerFactory.CreateLogger("boxes"));
            var wantedProvider = parse.GetValue(provider);
            var wantedArchitecture = parse.GetValue(architecture);
            if (parse.GetValue(boxName) is { } name)
            {
                var newest = store.Installed(name)
                    .Where(b => (wantedProvider is null || b.Provider == wantedProvider) && (wantedArchitecture is null || b.Architecture == wantedArchitecture))
                    .GroupBy(b => (b.Provider, b.Architecture))
                    .Select(g => g.MaxBy(b => BoxVersionNumber.Parse(b.Version))!)
                    .ToList();
                if (newest.Count == 0)
                {
                    throw new VnetException($"The box '{name}' is not installed{(wantedProvider is null ? string.Empty : $" for provider '{wantedProvider}'")}; add it with `vnet box add`.");
                }

                foreach (var box in newest)
                {
                    await updates.UpdateAsync(box, null, context.Ui.Global, cancellation, parse.GetValue(force)).ConfigureAwait(false);
                }

                return 0;
            }

            await using var environment = await context.LoadEnvironmentAsync().ConfigureAwait(false);
            foreach (var machine in environment.SelectMachines([]))
            {
                var machineProvider = environment.ProviderFor(machine, wantedProvider)
                    ?? throw new VnetException("No provider is installed, so vnet cannot tell which box the machines use.");
                var configuration = await environment.ConfigurationAsync(machine, machineProvider, cancellation).ConfigureAwait(false);
                var vm = configuration.Config.Vm;
                if (vm.Box is null)
                {
                    continue;
                }

                var ui = context.Ui.ForMachine(machine);
                var box = store.Find(vm.Box, vm.BoxVersion, machineProvider, vm.BoxArchitecture ?? BoxNames.DefaultArchitecture);
                if (box is null)
                {
                    ui.Info($"Box '{vm.Box}' is not installed yet; `vnet up` adds it.");
                    continue;
                }

                await updates.UpdateAsync(box, vm.BoxVersion, ui, cancellation, parse.GetValue(force)).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
