using System.CommandLine;
using VagrantNet.Cli.Hosting;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet up [name...]</c>: creates and starts machines, in parallel by default.</summary>
internal sealed class UpCommand(CliContext context) : ICliCommand
{
    public string Name => "up";

    public Command Build()
    {
        var names = CommonArguments.Machines();
        var provider = CommonArguments.Provider();
        var provisioning = new ProvisionOptions();
        var noDestroyOnError = new Option<bool>("--no-destroy-on-error") { Description = "Keep what a failed first up created, for inspection" };
        var destroyOnError = new Option<bool>("--destroy-on-error") { Description = "Destroy machines whose first up fails (default)" };
        var noParallel = new Option<bool>("--no-parallel") { Description = "Bring machines up one after another" };
        var parallel = new Option<bool>("--parallel") { Description = "Bring machines up in parallel if the provider allows (default)" };
        var dryRun = CommonArguments.DryRun();
        var command = new Command(Name, "Starts and provisions the vnet environment") { names, provider, noDestroyOnError, destroyOnError, noParallel, parallel, dryRun };
        provisioning.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var support = new MachineCommandSupport(context);
            await using var environment = await context.LoadEnvironmentAsync(dryRun: parse.GetValue(dryRun)).ConfigureAwait(false);
            var machines = await support.MachinesAsync(environment, parse.GetValue(names) ?? [], parse.GetValue(provider), onlyAutostart: true).ConfigureAwait(false);
            var keepOnError = parse.GetValue(noDestroyOnError);
            await support.RunAsync(environment, machines, ActionNamesWellKnown.Up, parallel: !parse.GetValue(noParallel), ctx =>
            {
                ctx.Set(CommandOptionKeys.DestroyOnError, !keepOnError);
                provisioning.Seed(parse, ctx);
            }).ConfigureAwait(false);
            foreach (var machine in machines.Where(m => m.Config.Vm.PostUpMessage is not null))
            {
                machine.Ui.Success($"Machine '{machine.Name}' has a post `vnet up` message from this Vagrantfile.csx:");
                machine.Ui.Detail(machine.Config.Vm.PostUpMessage!);
            }

            return 0;
        });
        return command;
    }
}
