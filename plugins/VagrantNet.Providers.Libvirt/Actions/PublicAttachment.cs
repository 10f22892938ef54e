using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// How a <c>public_network</c> reaches the host, with vagrant-libvirt's options (plain or <c>libvirt__</c>-scoped):
/// <c>network_name</c> (an existing libvirt network, <c>portgroup</c>), else <c>type</c> "direct" (macvtap, the
/// default; <c>mode</c> bridge by default) or "bridge" on the host device <c>bridge:</c> (or <c>dev</c>; eth0 when
/// neither), <c>ovs</c> for an Open vSwitch bridge (<c>ovs_interfaceid</c>), <c>trust_guest_rx_filters</c>. A device missing on a local
/// host is refused naming the ones there are.
/// </summary>
public static class PublicAttachment
{
    public const string DefaultDevice = "eth0";

    public static HostAttachment For(ActionContext context, NetworkDefinition network)
    {
        var scoped = network.OptionsFor(LibvirtConfig.Name);
        string? Get(string key) => PlanNetworkInterfaces.Option(scoped, key) ?? PlanNetworkInterfaces.Option(network.Options, key);
        bool Flag(string key) => Get(key)?.ToLowerInvariant() is "true" or "yes";
        var machine = context.Machine.Name;
        var driver = context.Driver();

        if (Get("network_name") is { } name)
        {
            using var existing = driver.FindNetwork(name);
            return existing is null
                ? throw new LibvirtProviderException($"Machine '{machine}': the public_network names libvirt network '{name}', which does not exist; vnet creates private networks only.")
                : new HostAttachment("network", name, Portgroup: Get("portgroup"));
        }

        var device = network.Bridge ?? Get("dev") ?? DefaultDevice;
        var type = Get("type") ?? "direct";
        if (type is not ("direct" or "bridge"))
        {
            throw new LibvirtProviderException($"Machine '{machine}': a public_network's type must be \"direct\" (macvtap) or \"bridge\", not \"{type}\".");
        }

        var openVSwitch = Flag("ovs");
        var excluded = context.LibvirtConfig().HostDeviceExcludePrefixes ?? [];
        bool Excluded(string name) => excluded.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
        if (Excluded(device))
        {
            // vagrant-libvirt's host_device_exclude_prefixes: libvirt's own taps and bridges, container bridges.
            throw new LibvirtProviderException($"Machine '{machine}': the public_network's host device '{device}' starts with one of host_device_exclude_prefixes ({string.Join(", ", excluded)}), which are not devices to bridge a guest onto; name another, or change libvirt.host_device_exclude_prefixes.");
        }

        if (driver.IsLocal)
        {
            if (!Directory.Exists($"/sys/class/net/{device}"))
            {
                var names = Directory.Exists("/sys/class/net") ? Directory.GetDirectories("/sys/class/net").Select(d => Path.GetFileName(d)).Where(n => n != "lo" && !Excluded(n)).Order(StringComparer.Ordinal).ToList() : [];
                var devices = names.Count > 0 ? string.Join(", ", names) : "none";
                throw new LibvirtProviderException($"Machine '{machine}': the public_network's host device '{device}' does not exist. Host devices: {devices}. Name one with bridge: (or dev:).");
            }

            if (type == "bridge" && !openVSwitch && !Directory.Exists($"/sys/class/net/{device}/bridge"))
            {
                throw new LibvirtProviderException($"Machine '{machine}': '{device}' is not a bridge, so a public_network of type \"bridge\" cannot join it; use type \"direct\" (macvtap) for a plain device.");
            }
        }

        return new HostAttachment(type, device, Mode: type == "direct" ? Get("mode") ?? "bridge" : null, TrustGuestRxFilters: Flag("trust_guest_rx_filters"), OpenVSwitch: openVSwitch,
            OvsInterfaceId: openVSwitch ? Get("ovs_interfaceid") : null);
    }
}
