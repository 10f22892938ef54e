using System.Security.Cryptography;
using System.Text;

namespace VagrantNet.Providers.Podman.Driver;

/// <summary>
/// Names of the veth pair that puts a container on a libvirt bridge: Linux allows 15 characters, so a hash of the
/// container and the interface's index, unique per container and stable, so a re-attach after a restart finds (and
/// replaces) a stale host end.
/// </summary>
internal static class VethNames
{
    /// <summary>The host end, enslaved to the bridge: <c>vp</c> and 10 hex digits.</summary>
    public static string Host(string container, int index) => "vp" + Hash(container, index);

    /// <summary>The container end's name until it is moved into the container and renamed.</summary>
    public static string Peer(string container, int index) => "vc" + Hash(container, index);

    /// <summary>The container end's name inside the container.</summary>
    public static string Guest(int index) => "eth" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Hash(string container, int index) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{container}/{index}")))[..10];
}
