using VagrantNet.Providers.Libvirt.Xml;

namespace VagrantNet.Providers.Libvirt.Networks;

/// <summary>
/// What a NIC is on the guest's side and the host's, apart from where it attaches: its model, host-side name, MTU,
/// driver and PCI address, from a network's <c>libvirt__</c> options or the <c>management_network_*</c> settings.
/// </summary>
public sealed record NicDevice(string Model, string? TargetDev = null, int? Mtu = null, NicDriver? Driver = null, PciAddress? Address = null)
{
    /// <summary>The device a <c>vm.network</c> line asks for; <paramref name="defaultModel"/> is <c>nic_model_type</c>.</summary>
    public static NicDevice For(IReadOnlyDictionary<string, object?> options, string defaultModel)
    {
        var driver = new NicDriver(NetworkOptions.Text(options, "driver_name"), (int?)NetworkOptions.Integer(options, "driver_queues"), NetworkOptions.Flag(options, "driver_iommu") == true);
        return new NicDevice(
            NetworkOptions.Text(options, "model_type") ?? defaultModel,
            NetworkOptions.Text(options, "iface_name"),
            (int?)NetworkOptions.Integer(options, "mtu"),
            driver.IsEmpty ? null : driver,
            NetworkOptions.Text(options, "bus") is { } bus && NetworkOptions.Text(options, "slot") is { } slot ? new PciAddress(bus, slot) : null);
    }

    /// <summary>The management NIC the <c>management_network_*</c> settings ask for.</summary>
    public static NicDevice ForManagement(LibvirtConfig config) => new(
        config.ManagementNetworkModelType ?? config.NicModelType!,
        config.ManagementNetworkIfaceName,
        config.ManagementNetworkMtu,
        config.ManagementNetworkDriverIommu == true ? new NicDriver(null, null, Iommu: true) : null,
        config.ManagementNetworkPciBus is { } bus && config.ManagementNetworkPciSlot is { } slot ? new PciAddress(bus, slot) : null);
}
