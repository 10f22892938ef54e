namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>Where <c>virDomainInterfaceAddresses</c> looks for guest addresses.</summary>
public enum InterfaceAddressSource
{
    /// <summary>DHCP leases of libvirt-managed networks.</summary>
    Lease = 0,

    /// <summary>The qemu guest agent inside the domain.</summary>
    Agent = 1,

    /// <summary>The host's ARP table.</summary>
    Arp = 2,
}
