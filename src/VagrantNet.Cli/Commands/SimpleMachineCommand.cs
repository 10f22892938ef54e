using System.CommandLine;
using VagrantNet.Cli.Completion;
using VagrantNet.Cli.Hosting;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Cli.Commands;

/// <summary>The shape of halt, suspend and resume: machine names, a pipeline, done.</summary>
internal abstract class SimpleMachineCommand(CliContext context, string name, string description, string action) : ICliCommand
{
    public string Name => name;

    protected CliContext Context { get; } = context;

    public Command Build()
    {
        var names = CommonArguments.Machines().WithMachineNames(Context);
        var dryRun = CommonArguments.DryRun();
        var command = new Command(Name, description) { names, dryRun };
        var seeds = AddOptions(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var support = new MachineCommandSupport(Context);
            await using var environment = await Context.LoadEnvironmentAsync(dryRun: parse.GetValue(dryRun)).ConfigureAwait(false);
            var machines = await support.MachinesAsync(environment, parse.GetValue(names) ?? [], provider: null).ConfigureAwait(false);
            await support.RunAsync(environment, machines, action, parallelism: 1, ctx => seeds(parse, ctx)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>Adds command-specific options; returns how they seed the pipeline's context.</summary>
    protected virtual Action<ParseResult, ActionContext> AddOptions(Command command) => (_, _) => { };
}

/// <summary><c>vnet halt [-f]</c>.</summary>
internal sealed class HaltCommand(CliContext context) : SimpleMachineCommand(context, "halt", "Stops the vnet machine", ActionNamesWellKnown.Halt)
{
    protected override Action<ParseResult, ActionContext> AddOptions(Command command)
    {
        var force = CommonArguments.Force("Force shut down (equivalent of pulling power)");
        command.Add(force);
        return (parse, ctx) => ctx.Set(CommandOptionKeys.Force, parse.GetValue(force));
    }
}


/// <summary><c>vnet resume</c>.</summary>
internal sealed class ResumeCommand(CliContext context) : SimpleMachineCommand(context, "resume", "Resumes a suspended vnet machine", ActionNamesWellKnown.Resume)
{
    protected override Action<ParseResult, ActionContext> AddOptions(Command command)
    {
        var provisioning = new ProvisionOptions();
        provisioning.AddTo(command);
        return (parse, ctx) => provisioning.Seed(parse, ctx);
    }
}

/// <summary><c>vnet reload [--provision]</c>: halt, apply the changed config, start; provisioners only when asked.</summary>
internal sealed class ReloadCommand(CliContext context) : SimpleMachineCommand(context, "reload", "Restarts vnet machine, loads new Vagrantfile.csx configuration", ActionNamesWellKnown.Reload)
{
    protected override Action<ParseResult, ActionContext> AddOptions(Command command)
    {
        var provisioning = new ProvisionOptions();
        provisioning.AddTo(command);
        var force = CommonArguments.Force("Force shut down before starting again");
        command.Add(force);
        return (parse, ctx) =>
        {
            provisioning.Seed(parse, ctx);
            ctx.Set(CommandOptionKeys.Force, parse.GetValue(force));
        };
    }
}

/// <summary><c>vnet provision [--provision-with x,y]</c>: runs provisioners on running machines.</summary>
internal sealed class ProvisionCommand(CliContext context) : SimpleMachineCommand(context, "provision", "Provisions the vnet machine", ActionNamesWellKnown.Provision)
{
    protected override Action<ParseResult, ActionContext> AddOptions(Command command)
    {
        var provisioning = new ProvisionOptions();
        provisioning.AddTo(command, includeToggles: false);
        return (parse, ctx) => provisioning.Seed(parse, ctx, forced: true);
    }
}
