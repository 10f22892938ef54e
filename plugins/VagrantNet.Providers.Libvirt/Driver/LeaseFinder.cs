using System.Text.Json;
using VagrantNet.Providers.Libvirt.Interop;

namespace VagrantNet.Providers.Libvirt.Driver;

/// <summary>
/// Finds a NIC's IPv4 address from DHCP leases: libvirt's lease source first, the network's dnsmasq status
/// file as a fallback. libvirt keeps old leases after a domain is destroyed, sometimes several for one MAC:
/// the one that expires last is the live one.
/// </summary>
public static class LeaseFinder
{
    public static string? Find(LibvirtDriver driver, LibvirtDomain domain, string mac, string? network)
    {
        mac = mac.ToLowerInvariant();
        try
        {
            var fromDomain = domain.GetInterfaceAddresses(InterfaceAddressSource.Lease)
                .Where(i => string.Equals(i.Mac, mac, StringComparison.OrdinalIgnoreCase))
                .SelectMany(i => i.Addresses)
                .FirstOrDefault(a => a.Family == System.Net.Sockets.AddressFamily.InterNetwork);
            if (fromDomain.Address is not null)
            {
                return fromDomain.Address;
            }
        }
        catch (LibvirtException)
        {
            // Older libvirt or a driver without the lease source: fall through to the network's leases.
        }

        if (network is null)
        {
            return null;
        }

        using var net = driver.FindNetwork(network);
        if (net is null)
        {
            return null;
        }

        try
        {
            var lease = Newest(net.GetDhcpLeases(mac).Where(l => l.IpAddress.Contains('.')).Select(l => (l.Mac, l.IpAddress, l.ExpiryTime)), mac);
            if (lease is not null)
            {
                return lease;
            }
        }
        catch (LibvirtException)
        {
        }

        return driver.IsLocal ? FromStatusFile($"/var/lib/libvirt/dnsmasq/{net.GetBridgeName()}.status", mac) : null;
    }

    /// <summary>
    /// The IPv4 address the QEMU guest agent reports for the NIC with <paramref name="mac"/>, or null when the agent
    /// is not (yet) answering: it starts late in the boot, so a caller asks again as it asks for leases.
    /// </summary>
    public static string? FromAgent(LibvirtDomain domain, string mac)
    {
        try
        {
            return domain.GetInterfaceAddresses(InterfaceAddressSource.Agent)
                .Where(i => string.Equals(i.Mac, mac, StringComparison.OrdinalIgnoreCase))
                .SelectMany(i => i.Addresses)
                .Where(a => a.Family == System.Net.Sockets.AddressFamily.InterNetwork && !a.Address.StartsWith("127.", StringComparison.Ordinal))
                .Select(a => a.Address)
                .FirstOrDefault();
        }
        catch (LibvirtException)
        {
            // No agent channel, or the agent is not running yet.
            return null;
        }
    }

    /// <summary>The address of the lease for <paramref name="mac"/> that expires last.</summary>
    public static string? Newest(IEnumerable<(string Mac, string Ip, DateTimeOffset Expiry)> leases, string mac) =>
        leases.Where(l => string.Equals(l.Mac, mac, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(l => l.Expiry)
            .Select(l => l.Ip)
            .FirstOrDefault();

    /// <summary>Reads dnsmasq's JSON status file (<c>[{"ip-address":..., "mac-address":..., "expiry-time":...}]</c>).</summary>
    public static string? FromStatusFile(string path, string mac)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var leases = json.RootElement.EnumerateArray()
                .Where(e => e.TryGetProperty("mac-address", out _) && e.TryGetProperty("ip-address", out _))
                .Select(e => (
                    e.GetProperty("mac-address").GetString() ?? string.Empty,
                    e.GetProperty("ip-address").GetString() ?? string.Empty,
                    e.TryGetProperty("expiry-time", out var t) && t.TryGetInt64(out var s) ? DateTimeOffset.FromUnixTimeSeconds(s) : DateTimeOffset.MinValue))
                .Where(l => l.Item2.Contains('.'));
            return Newest(leases, mac);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }
}
