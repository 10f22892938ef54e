using System.Net;

namespace VagrantNet.Providers.Podman.Driver;

/// <summary>
/// Finds the libvirt network a container's private network joins, through <c>virsh</c> (the podman provider does not
/// load libvirt): the network named by <c>podman__network_name</c> / <c>libvirt__network_name</c>, else the active
/// network whose subnet holds the address.
/// </summary>
internal sealed class LibvirtNetworkLookup(HostCommand host, string uri)
{
    public async Task<LibvirtNetworkXml?> FindAsync(IPAddress address, string? name, CancellationToken cancellation)
    {
        if (name is not null)
        {
            var named = await DumpAsync(name, cancellation).ConfigureAwait(false);
            return named?.SubnetOf(address) is null ? null : named;
        }

        var list = await host.RunAsync("virsh", ["-c", uri, "net-list", "--name"], cancellation).ConfigureAwait(false);
        foreach (var network in list.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (await DumpAsync(network, cancellation).ConfigureAwait(false) is { } xml && xml.SubnetOf(address) is not null)
            {
                return xml;
            }
        }

        return null;
    }

    private async Task<LibvirtNetworkXml?> DumpAsync(string network, CancellationToken cancellation)
    {
        var result = await host.TryAsync("virsh", ["-c", uri, "net-dumpxml", network], cancellation).ConfigureAwait(false);
        return result.ExitCode == 0 ? LibvirtNetworkXml.Parse(result.Stdout) : null;
    }
}
