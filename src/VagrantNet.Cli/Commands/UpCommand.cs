using System.CommandLine;
using VagrantNet.Cli.Completion;
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
        var names = CommonArguments.Machines().WithMachineNames(context);
        var provider = CommonArguments.Provider();
        var provisioning = new ProvisionOptions();
        var noDestroyOnError = new Option<bool>("--no-destroy-on-error") { Description = "Keep what a failed first up created, for inspection" };
        var destroyOnError = new Option<bool>("--destroy-on-error") { Description = "Destroy machines whose first up fails (default)" };
        var noParallel = new Option<bool>("--no-parallel") { Description = "Bring machines up one after another" };
        var parallel = ParallelOption();
        var dryRun = CommonArguments.DryRun();
        var command = new Command(Name, "Starts and provisions the vnet environment") { names, provider, noDestroyOnError, destroyOnError, noParallel, parallel, dryRun };
        provisioning.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var (parallelism, named) = Parallelism(parse, parallel, noParallel);
            var support = new MachineCommandSupport(context);
            await using var environment = await context.LoadEnvironmentAsync(dryRun: parse.GetValue(dryRun)).ConfigureAwait(false);
            var machines = await support.MachinesAsync(environment, [.. named is null ? [] : new[] { named }, .. parse.GetValue(names) ?? []], parse.GetValue(provider), onlyAutostart: true).ConfigureAwait(false);
            var keepOnError = parse.GetValue(noDestroyOnError);

            // Creating a machine records it in the index: refuse a corrupt one before the first machine is created.
            _ = environment.Index.Read();
            await support.RunAsync(environment, machines, ActionNamesWellKnown.Up, parallelism, ctx =>
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

    /// <summary>
    /// <c>--parallel [N]</c>: at most N machines come up at once (default: one per core). A bare <c>--parallel</c>
    /// keeps Vagrant's meaning.
    /// </summary>
    private static Option<string?> ParallelOption() => new("--parallel")
    {
        Description = "Bring up at most N machines at once, if the provider allows (default: one per core)",
        HelpName = "N",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>
    /// How many machines may come up at once, and the machine name the parser took as the value of a bare
    /// <c>--parallel</c> (<c>vnet up --parallel web</c>), if it did.
    /// </summary>
    private static (int Parallelism, string? MachineName) Parallelism(ParseResult parse, Option<string?> parallel, Option<bool> noParallel)
    {
        var asked = parse.GetResult(parallel) is { Implicit: false };
        if (asked && parse.GetValue(noParallel))
        {
            throw new Core.VnetException("--parallel and --no-parallel contradict each other; give one of them.");
        }

        if (parse.GetValue(noParallel))
        {
            return (1, null);
        }

        var word = parse.GetValue(parallel);
        if (word is null)
        {
            return (System.Environment.ProcessorCount, null);
        }

        if (int.TryParse(word, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return n >= 1
                ? (n, null)
                : throw new Core.VnetException($"--parallel must be at least 1 (the number of machines brought up at once), got {n}. Use --no-parallel to bring them up one after another.");
        }

        return word.Length > 0 && (char.IsAsciiDigit(word[0]) || word[0] is '-' or '+')
            ? throw new Core.VnetException($"--parallel takes a whole number of machines, got '{word}'.")
            : (System.Environment.ProcessorCount, word);
    }
}
