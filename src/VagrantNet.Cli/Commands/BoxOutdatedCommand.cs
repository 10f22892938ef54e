using System.CommandLine;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core;
using VagrantNet.Core.Boxes;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet box outdated [--global]</c>: whether the project's boxes (or every installed box) have newer catalog versions.</summary>
internal sealed class BoxOutdatedCommand(CliContext context) : ICliCommand
{
    public string Name => "outdated";

    public Command Build()
    {
        var global = new Option<bool>("--global") { Description = "Check every installed box, not only the current project's" };
        var insecure = new Option<bool>("--insecure") { Description = "Do not verify TLS certificates" };
        var caCert = new Option<string?>("--cacert") { Description = "CA certificate(s) (PEM) to verify the server with" };
        var force = new Option<bool>("--force", "-f") { Description = "Check the project's boxes even where vm.BoxCheckUpdate is false" };
        var command = new Command(Name, "Checks whether the boxes in use have newer versions") { global, insecure, caCert, force };
        command.SetAction(async (parse, cancellation) =>
        {
            var store = BoxCommand.Store(context);
            using var updates = new BoxUpdates(store, parse.GetValue(insecure), parse.GetValue(caCert), context.LoggerFactory.CreateLogger("boxes"));
            var ui = context.Ui.Global;
            if (parse.GetValue(global))
            {
                var newest = store.All()
                    .GroupBy(b => (b.Name, b.Provider, b.Architecture))
                    .Select(g => g.MaxBy(b => BoxVersionNumber.Parse(b.Version))!)
                    .ToList();
                if (newest.Count == 0)
                {
                    ui.Info("There are no installed boxes.");
                }

                foreach (var box in newest)
                {
                    var check = await updates.CheckAsync(box, null, cancellation).ConfigureAwait(false);
                    var what = $"* '{box.Name}' for '{box.Provider}' ({box.Architecture})";
                    ui.Output(check switch
                    {
                        { MetadataUrl: null } => $"{what} was not added from a catalog; no update information (v{box.Version}).",
                        { Error: { } error } => $"{what}: the catalog could not be checked: {error}",
                        { IsOutdated: true } => $"{what} is outdated! Current: {box.Version}. Latest: {check.Latest!.Version}.",
                        _ => $"{what} (v{box.Version}) is up to date.",
                    });
                }

                return 0;
            }

            await using var environment = await context.LoadEnvironmentAsync().ConfigureAwait(false);
            foreach (var name in environment.SelectMachines([]))
            {
                var provider = environment.ProviderFor(name, null)
                    ?? throw new VnetException("No provider is installed, so vnet cannot tell which box the machines use.");
                var configuration = await environment.ConfigurationAsync(name, provider, cancellation).ConfigureAwait(false);
                var vm = configuration.Config.Vm;
                var machineUi = context.Ui.ForMachine(name);
                if (vm.Box is null)
                {
                    continue;
                }

                // As Vagrant: a machine that opted out of update checks is not checked unless asked to with --force.
                if (vm.BoxCheckUpdate == false && !parse.GetValue(force))
                {
                    machineUi.Info($"Not checking box '{vm.Box}': vm.BoxCheckUpdate is false for this machine. `vnet box outdated --force` checks it anyway.");
                    continue;
                }

                var box = store.Find(vm.Box, vm.BoxVersion, provider, vm.BoxArchitecture ?? BoxNames.DefaultArchitecture);
                if (box is null)
                {
                    machineUi.Info($"Box '{vm.Box}' for '{provider}' is not installed yet; `vnet up` adds it.");
                    continue;
                }

                machineUi.Info(BoxUpdateCheck.CheckingLine(box));
                var check = await updates.CheckAsync(box, vm.BoxVersion, cancellation).ConfigureAwait(false);
                machineUi.Info(check switch
                {
                    { MetadataUrl: null } => $"Box '{box.Name}' was not added from a catalog; no update information.",
                    { Error: { } error } => $"The catalog of box '{box.Name}' could not be checked: {error}",
                    { IsOutdated: true } => check.NewerVersionLine(),
                    _ => $"Box '{box.Name}' (v{box.Version}) is the latest version{(vm.BoxVersion is null ? string.Empty : $" matching '{vm.BoxVersion}'")}.",
                });
            }

            return 0;
        });
        return command;
    }
}
