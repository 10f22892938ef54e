using System.CommandLine;
using VagrantNet.Cli.Completion;
using VagrantNet.Cli.Hosting;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet ssh-config [name] [--host NAME]</c>: an OpenSSH config block per running machine.</summary>
internal sealed class SshConfigCommand(CliContext context) : ICliCommand
{
    public string Name => "ssh-config";

    public Command Build()
    {
        var names = CommonArguments.Machines().WithMachineNames(context);
        var host = new Option<string?>("--host") { Description = "Name the host for the config" };
        var command = new Command(Name, "Outputs OpenSSH valid configuration to connect to the machine") { names, host };
        command.SetAction(async (parse, cancellation) =>
        {
            await using var environment = await context.LoadEnvironmentAsync().ConfigureAwait(false);
            var blocks = new List<string>();
            foreach (var name in environment.SelectMachines(parse.GetValue(names) ?? []))
            {
                var machine = await environment.MachineAsync(name, null, context.Interrupts.Cancellation).ConfigureAwait(false);
                var info = await MachineCommandSupport.SshInfoAsync(machine, context.Interrupts.Cancellation).ConfigureAwait(false)
                    ?? throw new Core.VnetException($"Machine '{name}' is not running, so there is no SSH configuration to show. Run `vnet up` first.");
                blocks.Add(SshArguments.Config(parse.GetValue(host) ?? name, info));
            }

            await Console.Out.WriteAsync(string.Join('\n', blocks)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
