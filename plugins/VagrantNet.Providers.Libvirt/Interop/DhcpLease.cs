namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>A DHCP lease handed out by a libvirt-managed network.</summary>
public sealed record DhcpLease(
    string Interface,
    DateTimeOffset ExpiryTime,
    string Mac,
    string? ClientId,
    string IpAddress,
    int Prefix,
    string? Hostname);
