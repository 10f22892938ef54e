using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace VagrantNet.Sdk.Config;

/// <summary>
/// IP addresses and netmasks as a Vagrantfile writes them. Stricter than <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>,
/// which reads "1" as 0.0.0.1 and "10.0.0" as 10.0.0.0: an IPv4 address is four dotted decimal numbers.
/// </summary>
public static partial class IpRules
{
    /// <summary>Parses an IPv4 address written as four dotted numbers, or an IPv6 address.</summary>
    public static bool TryParse(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Contains(':'))
        {
            if (IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
            {
                address = v6;
                return true;
            }

            return false;
        }

        var match = DottedQuad().Match(text);
        if (!match.Success || match.Groups["part"].Captures.Any(c => int.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture) > 255))
        {
            return false;
        }

        address = IPAddress.Parse(text);
        return true;
    }

    /// <summary>Why <paramref name="address"/> cannot be a machine's own address (broadcast, unspecified, multicast, loopback), or null.</summary>
    public static string? NotAHostAddress(IPAddress address)
    {
        if (address.Equals(IPAddress.Broadcast))
        {
            return "it is the broadcast address";
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return "it is the unspecified address";
        }

        if (IPAddress.IsLoopback(address))
        {
            return "it is a loopback address";
        }

        var multicast = address.AddressFamily == AddressFamily.InterNetwork
            ? address.GetAddressBytes()[0] is >= 224 and <= 239
            : address.IsIPv6Multicast;
        return multicast ? "it is a multicast address" : null;
    }

    /// <summary>
    /// Reads a netmask: a prefix length (1-32 for IPv4, 1-128 for IPv6) or, for IPv4, a dotted mask whose ones are contiguous.
    /// <paramref name="family"/> is the address's family when known.
    /// </summary>
    public static bool TryParseNetmask(string? text, AddressFamily? family, out int prefix)
    {
        prefix = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (PrefixLength().IsMatch(text))
        {
            prefix = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            var max = family == AddressFamily.InterNetworkV6 ? 128 : 32;
            return prefix >= 1 && prefix <= max;
        }

        if (family == AddressFamily.InterNetworkV6 || !TryParse(text, out var mask) || mask.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        var bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(mask.GetAddressBytes());
        var ones = System.Numerics.BitOperations.PopCount(bits);
        if (ones == 0 || bits != uint.MaxValue << (32 - ones))
        {
            return false;
        }

        prefix = ones;
        return true;
    }

    [GeneratedRegex(@"^(?:(?<part>0|[1-9][0-9]{0,2})\.){3}(?<part>0|[1-9][0-9]{0,2})$")]
    private static partial Regex DottedQuad();

    [GeneratedRegex("^[0-9]{1,3}$")]
    private static partial Regex PrefixLength();
}
