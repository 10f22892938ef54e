using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.Communication;

/// <summary>
/// Forwarded ports as vagrant-libvirt makes them: the host's <c>ssh</c> holds one <c>-L</c> per port, in the
/// background, so the forwarding outlives the vnet command that started it. One ssh control master per machine
/// carries them all; the machine's <c>forwarded_ports</c> state file records its control socket and the ports, which
/// is how a later <c>halt</c>, <c>destroy</c> or <c>vnet port</c> finds them. TCP only: ssh cannot forward UDP.
/// </summary>
public sealed class SshPortForwarder(IProcessRunner processes) : IPortForwarder
{
    public const string StateFile = "forwarded_ports";

    /// <summary>Where <c>autoCorrect</c> looks for a free host port (Vagrant's <c>usable_port_range</c>).</summary>
    public const int AutoCorrectFirst = 2200;

    public const int AutoCorrectLast = 2250;

    /// <summary>The guest-side address when the Vagrantfile gives none: the guest itself.</summary>
    public const string DefaultGuestIp = "127.0.0.1";

    /// <summary>The host-side address when the Vagrantfile gives none: every IPv4 address, as Vagrant binds.</summary>
    public const string DefaultHostIp = "0.0.0.0";

    public async Task<IReadOnlyList<ForwardedPort>> StartAsync(IMachine machine, SshInfo ssh, CancellationToken cancellation)
    {
        await StopAsync(machine, cancellation).ConfigureAwait(false);
        var configured = machine.Config.Vm.Network.Networks.Where(n => n.Kind == NetworkKind.ForwardedPort).ToList();
        foreach (var udp in configured.Where(n => n.Protocol != "tcp"))
        {
            machine.Ui.Warn($"Forwarded port {udp.GuestPort}/{udp.Protocol} => {udp.HostPort} is skipped: ports are forwarded through SSH, which carries TCP only.");
        }

        var ports = AssignHostPorts(machine, configured.Where(n => n.Protocol == "tcp").ToList());
        if (ports.Count == 0)
        {
            return [];
        }

        var control = ControlPath(machine);
        var log = Path.Combine(machine.DataDirectory, StateFile + ".log");
        var arguments = SystemSsh.Command(ssh);
        arguments.RemoveAt(0);
        arguments.AddRange(["-f", "-N", "-M", "-S", control, "-o", "ExitOnForwardFailure=yes", "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=4"]);
        foreach (var port in ports)
        {
            arguments.AddRange(["-L", $"{Bracketed(port.HostIp)}:{port.HostPort}:{Bracketed(port.GuestIp)}:{port.GuestPort}"]);
        }

        arguments.Add(SystemSsh.Destination(ssh));

        // ssh -f keeps the descriptors it was started with: given our pipes, waiting for its output would wait for
        // the forwarding to end. It gets a log file instead, and its exit status says whether every port is forwarded.
        Directory.CreateDirectory(machine.DataDirectory);
        File.WriteAllText(log, string.Empty);
        var result = await processes.RunAsync(new ProcessRequest("sh", ["-c", "log=$1; shift; exec ssh \"$@\" </dev/null >>\"$log\" 2>&1", "vnet-forward-ports", log, .. arguments]), cancellation).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            var said = File.Exists(log) ? File.ReadAllText(log).Trim() : string.Empty;
            throw new VnetException($"Machine '{machine.Name}': forwarding ports failed (ssh exited with {result.ExitCode}){(said.Length > 0 ? ": " + said : ".")}");
        }

        machine.WriteState(StateFile, Serialize(control, ports));
        return ports;
    }

    public async Task<bool> StopAsync(IMachine machine, CancellationToken cancellation)
    {
        if (Parse(machine.ReadState(StateFile)) is not { } state)
        {
            return false;
        }

        if (File.Exists(state.ControlPath))
        {
            var exit = await processes.RunAsync(new ProcessRequest("ssh", ["-S", state.ControlPath, "-O", "exit", "vnet-forwarded-ports"]), cancellation).ConfigureAwait(false);
            if (exit.ExitCode != 0 && File.Exists(state.ControlPath))
            {
                // The master is gone (the guest went away under it): only its socket is left.
                File.Delete(state.ControlPath);
            }
        }

        machine.DeleteState(StateFile);
        return true;
    }

    public async Task<IReadOnlyList<ForwardedPort>> ActiveAsync(IMachine machine, CancellationToken cancellation)
    {
        if (Parse(machine.ReadState(StateFile)) is not { } state || !File.Exists(state.ControlPath))
        {
            return [];
        }

        var check = await processes.RunAsync(new ProcessRequest("ssh", ["-S", state.ControlPath, "-O", "check", "vnet-forwarded-ports"]), cancellation).ConfigureAwait(false);
        return check.ExitCode == 0 ? state.Ports : [];
    }

    /// <summary>The host port each definition gets: its own, or with <c>autoCorrect</c> a free one when that is taken.</summary>
    private static List<ForwardedPort> AssignHostPorts(IMachine machine, IReadOnlyList<NetworkDefinition> definitions)
    {
        var ports = new List<ForwardedPort>();
        foreach (var definition in definitions)
        {
            var hostIp = definition.HostIp ?? DefaultHostIp;
            var hostPort = definition.HostPort;
            if (ports.Any(p => p.HostPort == hostPort) || !IsFree(hostIp, hostPort))
            {
                if (!definition.AutoCorrect)
                {
                    throw new VnetException(
                        $"Machine '{machine.Name}': host port {hostPort} (forwarded to guest port {definition.GuestPort}) is already in use on this host. " +
                        "Choose another host port, or set autoCorrect: true to let vnet pick a free one.");
                }

                var corrected = Enumerable.Range(AutoCorrectFirst, AutoCorrectLast - AutoCorrectFirst + 1)
                    .FirstOrDefault(p => ports.All(f => f.HostPort != p) && IsFree(hostIp, p));
                if (corrected == 0)
                {
                    throw new VnetException($"Machine '{machine.Name}': host port {hostPort} is in use and no port between {AutoCorrectFirst} and {AutoCorrectLast} is free to move it to.");
                }

                machine.Ui.Detail($"Fixed port collision for {definition.GuestPort} => {hostPort}. Now on port {corrected}.");
                hostPort = corrected;
            }

            ports.Add(new ForwardedPort(definition.Id ?? $"tcp{definition.GuestPort}", definition.GuestPort, hostPort, hostIp, definition.GuestIp ?? DefaultGuestIp));
        }

        return ports;
    }

    /// <summary>Whether the host port can be bound at <paramref name="hostIp"/> (a name rather than an address is left to ssh).</summary>
    private static bool IsFree(string hostIp, int port)
    {
        if (!IPAddress.TryParse(hostIp, out var address))
        {
            return true;
        }

        try
        {
            var listener = new TcpListener(address, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A short socket path (Unix sockets allow about 100 bytes; project paths can be longer), fixed per machine.</summary>
    private static string ControlPath(IMachine machine) =>
        Path.Combine(Path.GetTempPath(), "vnet-fwd-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(machine.DataDirectory)))[..16]);

    private static string Bracketed(string address) => address.Contains(':') ? $"[{address}]" : address;

    private static string Serialize(string controlPath, IReadOnlyList<ForwardedPort> ports) =>
        controlPath + "\n" + string.Concat(ports.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Protocol}\t{p.HostIp}\t{p.HostPort}\t{p.GuestIp}\t{p.GuestPort}\t{p.Id}\n")));

    private static (string ControlPath, List<ForwardedPort> Ports)? Parse(string? state)
    {
        var lines = state?.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines is null || lines.Length == 0)
        {
            return null;
        }

        var ports = new List<ForwardedPort>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split('\t');
            if (f.Length == 6 && int.TryParse(f[2], CultureInfo.InvariantCulture, out var host) && int.TryParse(f[4], CultureInfo.InvariantCulture, out var guest))
            {
                ports.Add(new ForwardedPort(f[5], guest, host, f[1], f[3], f[0]));
            }
        }

        return (lines[0], ports);
    }
}
