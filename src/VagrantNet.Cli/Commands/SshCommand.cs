using System.CommandLine;
using System.Diagnostics;
using VagrantNet.Cli.Completion;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core;
using VagrantNet.Core.Environment;
using VagrantNet.Core.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Cli.Commands;

/// <summary>
/// <c>vnet ssh [name] [-c CMD] [-- extra ssh args]</c>: runs the system ssh. Takes no machine lock, so it works
/// while another command (a long provision, say) is running on the machine.
/// </summary>
internal sealed class SshCommand(CliContext context) : ICliCommand
{
    public string Name => "ssh";

    public Command Build()
    {
        var name = new Argument<string?>("name") { Description = "Machine to connect to (the primary one when omitted)", Arity = ArgumentArity.ZeroOrOne }.WithMachineNames(context);
        var command = new Option<string?>("--command", "-c") { Description = "Run this command over SSH and return its exit code" };
        var plain = new Option<bool>("--plain", "-p") { Description = "Plain mode: leave authentication to the user" };
        var tty = new Option<bool>("--tty", "-t") { Description = "Allocate a TTY even with --command" };
        var extra = new Argument<string[]>("extra_ssh_args") { Description = "Extra arguments for ssh, after --", Arity = ArgumentArity.ZeroOrMore };
        var ssh = new Command(Name, "Connects to machine via SSH") { name, command, plain, tty, extra };
        ssh.SetAction(async (parse, cancellation) =>
        {
            await using var environment = await context.LoadEnvironmentAsync().ConfigureAwait(false);
            var machine = await SingleMachine.ResolveAsync(context, environment, parse.GetValue(name)).ConfigureAwait(false);
            if (machine.CommunicatorName != "ssh")
            {
                return await RunThroughCommunicatorAsync(machine, parse.GetValue(command), context.Interrupts.Cancellation).ConfigureAwait(false);
            }

            var info = await MachineCommandSupport.SshInfoAsync(machine, context.Interrupts.Cancellation).ConfigureAwait(false)
                ?? throw new VnetException($"Machine '{machine.Name}' is not running or has no address yet, so vnet cannot SSH into it. Run `vnet up` first.");
            if (parse.GetValue(plain))
            {
                info = info with { PrivateKeyPaths = [] };
            }

            var remote = parse.GetValue(command);
            var interactive = remote is null || parse.GetValue(tty);
            var args = SshArguments.For(info, interactive && !Console.IsInputRedirected, remote, parse.GetValue(extra) ?? []);
            return await RunSshAsync(args).ConfigureAwait(false);
        });
        return ssh;
    }

    /// <summary>
    /// A machine reached without SSH (a container's exec communicator): <c>-c</c> runs through its communicator, as
    /// provisioners do; an interactive session is the provider's own tool's job (Vagrant's docker provider has
    /// <c>docker-exec</c> for it), so vnet says which.
    /// </summary>
    private static async Task<int> RunThroughCommunicatorAsync(Machine machine, string? remote, CancellationToken cancellation)
    {
        if (remote is null)
        {
            throw new VnetException(
                $"Machine '{machine.Name}' uses the '{machine.CommunicatorName}' communicator, not SSH, so `vnet ssh` has no shell to open. " +
                $"Run a command with `vnet ssh {machine.Name} -c 'COMMAND'`, or open a shell with the provider's own tool (for podman: `podman exec -it {machine.Id ?? "CONTAINER"} bash -l`).");
        }

        return await machine.Communicator.ExecuteAsync(remote, new ExecuteOptions
        {
            ErrorOnFailure = false,
            OnStdout = Console.Out.WriteLine,
            OnStderr = Console.Error.WriteLine,
        }, cancellation).ConfigureAwait(false);
    }

    /// <summary>Runs ssh attached to this terminal; returns its exit code (the remote command's).</summary>
    private static async Task<int> RunSshAsync(IReadOnlyList<string> args)
    {
        // Not the host's process runner: that one pipes the program's streams, and an interactive ssh needs this
        // terminal itself (a TTY for the remote shell, the user's keystrokes), so it inherits vnet's stdin/stdout/stderr.
        var start = new ProcessStartInfo("ssh") { UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new VnetException("Could not start ssh; install an OpenSSH client (apt-get install openssh-client).");
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode;
    }
}

/// <summary>Picks the one machine a command targets: the named one, else the primary or the only one.</summary>
internal static class SingleMachine
{
    public static async Task<Machine> ResolveAsync(CliContext context, VnetEnvironment environment, string? name)
    {
        var project = environment.RequireProject();
        var chosen = name ?? project.Config.Primary?.Name
            ?? throw new VnetException($"This command requires a specific machine name in a multi-machine environment. Defined machines: {string.Join(", ", project.Config.Machines.Select(m => m.Name))}.");
        return await environment.MachineAsync(environment.SelectMachines([chosen]).Single(), null, context.Interrupts.Cancellation).ConfigureAwait(false);
    }
}
