using System.Globalization;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Providers.Podman.Driver;

/// <summary>
/// The <c>podman create</c> command line for a machine, in the order the settings are documented: name and labels,
/// hostname, privileges, environment, networking, published ports, bind-mounted synced folders, then image and command.
/// </summary>
internal static class CreateArguments
{
    public static IReadOnlyList<string> For(IMachine machine, string name, string image, IReadOnlyList<SyncedFolderDefinition> boundFolders)
    {
        var config = (PodmanConfig)machine.ProviderConfig;
        var networks = machine.Config.Vm.Network.Networks;
        var args = new List<string> { "--name", name };
        foreach (var (key, value) in ContainerLabels.For(machine))
        {
            args.AddRange(["--label", $"{key}={value}"]);
        }

        if (machine.Config.Vm.Hostname is { } hostname)
        {
            args.AddRange(["--hostname", hostname]);
        }

        if (config.Privileged == true)
        {
            args.Add("--privileged");
        }

        foreach (var (key, value) in config.Env.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            args.AddRange(["--env", $"{key}={value}"]);
        }

        // A private network's interface is added after start, from the libvirt bridge: podman's own stays out.
        var network = networks.Any(n => n.Kind == NetworkKind.Private) ? "none" : config.Network;
        if (network is not null)
        {
            args.AddRange(["--network", network]);
        }

        foreach (var port in networks.Where(n => n.Kind == NetworkKind.ForwardedPort))
        {
            var host = port.HostIp is null ? string.Empty : port.HostIp + ":";
            args.AddRange(["--publish", string.Create(CultureInfo.InvariantCulture, $"{host}{port.HostPort}:{port.GuestPort}/{port.Protocol}")]);
        }

        foreach (var folder in boundFolders)
        {
            var options = folder.MountOptions.Count == 0 ? string.Empty : ":" + string.Join(',', folder.MountOptions);
            args.AddRange(["--volume", $"{folder.HostPath}:{folder.GuestPath}{options}"]);
        }

        if (config.Cmd is null)
        {
            // `sleep` as PID 1 ignores SIGTERM, so `podman stop` would wait out its timeout: an init passes the signal on.
            args.Add("--init");
        }

        args.Add(image);
        args.AddRange(config.Cmd ?? PodmanConfig.DefaultCmd);
        return args;
    }
}
