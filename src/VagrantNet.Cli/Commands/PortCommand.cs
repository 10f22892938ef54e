using System.CommandLine;
using System.Globalization;
using VagrantNet.Cli.Completion;
using VagrantNet.Cli.Hosting;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet port [name] [--guest PORT]</c>: the ports forwarded to a running machine, as they are now.</summary>
internal sealed class PortCommand(CliContext context) : ICliCommand
{
    public string Name => "port";

    public Command Build()
    {
        var name = new Argument<string?>("name") { Description = "The machine (the primary one when omitted)", Arity = ArgumentArity.ZeroOrOne }.WithMachineNames(context);
        var guest = new Option<int?>("--guest") { Description = "Print only the host port forwarded to this guest port" };
        var command = new Command(Name, "Displays information about guest port mappings") { name, guest };
        command.SetAction(async (parse, cancellation) =>
        {
            await using var environment = await context.LoadEnvironmentAsync().ConfigureAwait(false);
            var machine = await SingleMachine.ResolveAsync(context, environment, parse.GetValue(name)).ConfigureAwait(false);
            var ports = await machine.Host.PortForwarder.ActiveAsync(machine, context.Interrupts.Cancellation).ConfigureAwait(false);
            var ui = context.Ui;
            if (parse.GetValue(guest) is { } wanted)
            {
                var match = ports.FirstOrDefault(p => p.GuestPort == wanted)
                    ?? throw new Core.VnetException($"Machine '{machine.Name}' has no host port forwarded to guest port {wanted}.");
                ui.Output.WriteLine(match.HostPort.ToString(CultureInfo.InvariantCulture));
                return 0;
            }

            if (ui.MachineReadable)
            {
                foreach (var port in ports)
                {
                    ui.Data(machine.Name, "forwarded_port", port.GuestPort.ToString(CultureInfo.InvariantCulture), port.HostPort.ToString(CultureInfo.InvariantCulture));
                }

                return 0;
            }

            if (ports.Count == 0)
            {
                ui.Output.WriteLine($"Machine '{machine.Name}' has no forwarded ports (it is not running, or its Vagrantfile forwards none).");
                return 0;
            }

            ui.Output.WriteLine($"Ports forwarded to machine '{machine.Name}' (a host port may differ from the Vagrantfile when autoCorrect moved it):");
            ui.Output.WriteLine();
            foreach (var port in ports)
            {
                ui.Output.WriteLine($"    {port.GuestPort} (guest) => {port.HostPort} (host)");
            }

            return 0;
        });
        return command;
    }
}
