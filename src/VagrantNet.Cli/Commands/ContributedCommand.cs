using System.CommandLine;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core.Plugins;

namespace VagrantNet.Cli.Commands;

/// <summary>A command a plugin added (<see cref="Sdk.Plugins.IPluginRegistry.Command"/>): its arguments parsed by vnet, its work the plugin's handler.</summary>
internal sealed class ContributedCommand(CliContext context, CommandRegistration registration) : ICliCommand
{
    public string Name => registration.Name;

    public Command Build()
    {
        var command = new Command(Name, registration.Description);
        var arguments = registration.Arguments
            .Select(a => new Argument<string?>(a.Name) { Description = a.Description, Arity = a.Optional ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne })
            .ToList();
        foreach (var argument in arguments)
        {
            command.Add(argument);
        }

        command.SetAction(async (parse, cancellation) =>
        {
            await using var commandContext = new ContributedCommandContext(context, arguments.ToDictionary(a => a.Name, parse.GetValue, StringComparer.Ordinal));
            return await registration.Handler(commandContext).ConfigureAwait(false);
        });
        return command;
    }
}
