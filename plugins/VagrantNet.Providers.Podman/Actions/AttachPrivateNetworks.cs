using System.Globalization;
using System.Net;
using System.Net.Sockets;
using VagrantNet.Providers.Podman.Driver;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Podman.Actions;

/// <summary>
/// Puts the running container on the libvirt networks of its private networks, so it and the project's VMs reach each
/// other: for each, the libvirt network whose subnet holds the IP (or the one named by <c>podman__network_name</c> /
/// <c>libvirt__network_name</c>), then a veth pair whose host end joins that network's bridge and whose other end goes
/// into the container's network namespace as <c>ethN</c>, addressed and up. All of it from the host
/// (<c>nsenter</c>), so the image needs no network tools. Runs on every start: a restarted container has a new
/// namespace, and its old interfaces died with the old one.
/// </summary>
public sealed class AttachPrivateNetworks : IAction, IRecoverable
{
    private readonly List<string> _created = [];

    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var machine = context.Machine;
        var networks = machine.Config.Vm.Network.Networks.Where(n => n.Kind == NetworkKind.Private).ToList();
        if (networks.Count > 0)
        {
            var host = new HostCommand(machine.Host.Processes);
            var config = context.Config();
            var lookup = new LibvirtNetworkLookup(host, config.LibvirtUri!);
            var container = context.ContainerId();
            var pid = (await context.Driver().PidAsync(container, context.Cancellation).ConfigureAwait(false)).ToString(CultureInfo.InvariantCulture);
            foreach (var (network, index) in networks.Select((n, i) => (n, i)))
            {
                var address = IPAddress.Parse(network.Ip!);
                var named = NetworkName(network);
                var libvirt = await lookup.FindAsync(address, named, context.Cancellation).ConfigureAwait(false)
                    ?? throw new PodmanException(NoNetworkMessage(machine.Name, network.Ip!, named, config.LibvirtUri!));
                var bridge = libvirt.Bridge
                    ?? throw new PodmanException($"Machine '{machine.Name}': the libvirt network '{libvirt.Name}' holding {network.Ip} has no bridge (is it active?); start it, or bring up its libvirt machine first.");
                var prefix = Prefix(network) ?? libvirt.SubnetOf(address)!.Value.PrefixLength;

                var hostEnd = VethNames.Host(container, index);
                var peer = VethNames.Peer(container, index);
                var guest = VethNames.Guest(index);
                context.Ui.Detail($"Joining libvirt network {libvirt.Name} (bridge {bridge}) as {network.Ip}/{prefix} on {guest}");

                // A host end left by a container that was killed or restarted outside vnet: replace it.
                await host.TryAsync("ip", ["link", "delete", hostEnd], context.Cancellation).ConfigureAwait(false);
                await host.RunAsync("ip", ["link", "add", hostEnd, "type", "veth", "peer", "name", peer], context.Cancellation).ConfigureAwait(false);
                _created.Add(hostEnd);
                await host.RunAsync("ip", ["link", "set", hostEnd, "master", bridge], context.Cancellation).ConfigureAwait(false);
                await host.RunAsync("ip", ["link", "set", hostEnd, "up"], context.Cancellation).ConfigureAwait(false);
                await host.RunAsync("ip", ["link", "set", peer, "netns", pid], context.Cancellation).ConfigureAwait(false);
                await host.RunAsync("nsenter", ["--target", pid, "--net", "ip", "link", "set", peer, "name", guest], context.Cancellation).ConfigureAwait(false);
                await host.RunAsync("nsenter", ["--target", pid, "--net", "ip", "address", "add", $"{network.Ip}/{prefix}", "dev", guest], context.Cancellation).ConfigureAwait(false);
                await host.RunAsync("nsenter", ["--target", pid, "--net", "ip", "link", "set", guest, "up"], context.Cancellation).ConfigureAwait(false);
            }
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>Removes the host ends this run made; the container's ends go with them (a veth pair dies as one).</summary>
    public async Task RecoverAsync(ActionContext context, Exception error)
    {
        var host = new HostCommand(context.Machine.Host.Processes);
        foreach (var hostEnd in Enumerable.Reverse(_created))
        {
            await host.TryAsync("ip", ["link", "delete", hostEnd], context.RecoveryToken).ConfigureAwait(false);
        }
    }

    internal static string NoNetworkMessage(string machine, string ip, string? named, string uri) =>
        named is null
            ? $"Machine '{machine}': no libvirt network on {uri} holds {ip} (private_network). A podman container joins the libvirt network of the project's VMs: " +
              "bring up a libvirt machine on that network first (define it before this machine in Vagrantfile.csx, or run `vnet up` for it first)."
            : $"Machine '{machine}': the libvirt network '{named}' on {uri} does not exist or does not hold {ip} (private_network). " +
              "Bring up a libvirt machine on that network first, or correct the network name.";

    private static string? NetworkName(NetworkDefinition network)
    {
        foreach (var provider in new[] { PodmanConfig.Name, "libvirt" })
        {
            if (network.OptionsFor(provider).TryGetValue("network_name", out var value) && value is string name && name.Length > 0)
            {
                return name;
            }
        }

        return null;
    }

    private static int? Prefix(NetworkDefinition network) =>
        network.Netmask is { } mask && IpRules.TryParseNetmask(mask, AddressFamily.InterNetwork, out var prefix) ? prefix : null;
}
