using System.CommandLine;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet validate</c>: compiles the Vagrantfile.csx and validates every machine, reporting all errors at once.</summary>
internal sealed class ValidateCommand(CliContext context) : ICliCommand
{
    public string Name => "validate";

    public Command Build()
    {
        var provider = CommonArguments.Provider();
        var ignoreProvider = new Option<bool>("--ignore-provider", "-p") { Description = "Validate without the provider's settings" };
        var command = new Command(Name, "Validates the Vagrantfile.csx") { provider, ignoreProvider };
        command.SetAction(async (parse, cancellation) =>
        {
            await using var environment = await context.LoadEnvironmentAsync().ConfigureAwait(false);
            var errors = new List<ValidationError>();
            foreach (var machine in environment.RequireProject().Config.Machines)
            {
                var providerName = parse.GetValue(ignoreProvider)
                    ? null
                    : environment.ProviderFor(machine.Name, parse.GetValue(provider));
                var configuration = await environment.ConfigurationAsync(machine.Name, providerName, context.Interrupts.Cancellation).ConfigureAwait(false);
                errors.AddRange(configuration.Errors.All);
            }

            if (errors.Count > 0)
            {
                throw new VnetException(new ValidationException(errors).Message);
            }

            context.Ui.Global.Success($"{Path.GetFileName(environment.RequireProject().VagrantfilePath)} validated successfully.");
            return 0;
        });
        return command;
    }
}
