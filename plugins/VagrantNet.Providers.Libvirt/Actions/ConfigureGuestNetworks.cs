using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Configures the private and public networks inside the guest (the management NIC keeps DHCP), through
/// the guest's <c>configure_networks</c> capability, matching each network to its NIC by MAC.
/// </summary>
public sealed class ConfigureGuestNetworks : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var networks = context.GetOrDefault(LibvirtKeys.Nics, [])!
            .Where(n => !n.IsManagement && n.Definition!.AutoConfig)
            .Select(n => WithMac(n.Definition!, n.Mac))
            .ToList();
        if (networks.Count > 0)
        {
            context.Ui.Info("Configuring and enabling network interfaces...");
            await context.Machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.ConfigureNetworks, networks, context.Cancellation).ConfigureAwait(false);
        }

        await next(context).ConfigureAwait(false);
    }

    private static NetworkDefinition WithMac(NetworkDefinition network, string mac) => new()
    {
        Kind = network.Kind,
        Ip = network.Ip,
        Type = network.Type,
        Netmask = network.Netmask ?? (network.OptionsFor(LibvirtConfig.Name).TryGetValue("netmask", out var mask) ? mask?.ToString() : null),
        Mac = mac,
        AutoConfig = network.AutoConfig,
        Bridge = network.Bridge,
        Options = network.Options,
    };
}
