using System.Globalization;
using VagrantNet.Core.Communication;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;
using Caps = VagrantNet.Sdk.Plugins.GuestCapabilitiesWellKnown;

namespace VagrantNet.Core.Guests;

/// <summary>
/// The Linux guest families and their capabilities. Families: <c>linux</c> → <c>debian</c> → <c>ubuntu</c>,
/// <c>linux</c> → <c>redhat</c> → <c>fedora</c>, <c>linux</c> → <c>busybox</c> → <c>alpine</c>. Capabilities:
/// <c>change_host_name</c>, <c>configure_networks</c>, <c>network_interfaces</c>, <c>halt</c>, <c>reboot</c>,
/// <c>insert_public_key</c>, <c>remove_public_key</c>, <c>rsync_installed</c>, <c>rsync_install</c>,
/// <c>mount_nfs_folder</c>, <c>shell_expand_guest_path</c>.
/// </summary>
public static class LinuxGuests
{
    public static void Register(IPluginRegistry registry)
    {
        registry.Guest("linux", null, "uname -s | grep -qi linux");
        registry.Guest("debian", "linux", "grep -qiE '^(ID|ID_LIKE)=\"?([a-z]+ )*debian' /etc/os-release");
        registry.Guest("ubuntu", "debian", "grep -qiE '^ID=\"?ubuntu' /etc/os-release");
        registry.Guest("redhat", "linux", "test -f /etc/redhat-release || grep -qiE '^(ID|ID_LIKE)=\"?([a-z]+ )*(rhel|fedora|centos)' /etc/os-release");
        registry.Guest("fedora", "redhat", "grep -qiE '^ID=\"?fedora' /etc/os-release");
        registry.Guest("busybox", "linux", "readlink -f /bin/sh | grep -q busybox");
        registry.Guest("alpine", "busybox", "grep -qiE '^ID=\"?alpine' /etc/os-release");

        registry.GuestCapability("linux", Caps.ChangeHostName, (m, hostname, ct) => Run(m, LinuxScripts.ChangeHostName(hostname), sudo: true, ct));
        registry.GuestCapability("linux", Caps.ConfigureNetworks, ConfigureNetworksAsync);
        registry.GuestCapability("linux", Caps.NetworkInterfaces, (m, _, ct) => NetworkInterfacesAsync(m, ct));
        registry.GuestCapability("linux", Caps.Halt, HaltAsync);
        registry.GuestCapability("linux", Caps.Reboot, RebootAsync);
        registry.GuestCapability("linux", Caps.InsertPublicKey, (m, key, ct) => Run(m, LinuxScripts.InsertPublicKey(key), sudo: false, ct));
        registry.GuestCapability("linux", Caps.RemovePublicKey, (m, key, ct) => Run(m, LinuxScripts.RemovePublicKey(key), sudo: false, ct));
        registry.GuestCapability("linux", Caps.RsyncInstalled, (m, _, ct) => m.Communicator.TestAsync(LinuxScripts.RsyncInstalled, sudo: false, ct));
        registry.GuestCapability("linux", Caps.RsyncInstall, (m, _, ct) => Run(m, LinuxScripts.InstallRsyncAny, sudo: true, ct));
        registry.GuestCapability("debian", Caps.RsyncInstall, (m, _, ct) => Run(m, LinuxScripts.InstallRsyncDebian, sudo: true, ct));
        registry.GuestCapability("redhat", Caps.RsyncInstall, (m, _, ct) => Run(m, LinuxScripts.InstallRsyncRedhat, sudo: true, ct));
        registry.GuestCapability("alpine", Caps.RsyncInstall, (m, _, ct) => Run(m, LinuxScripts.InstallRsyncAlpine, sudo: true, ct));
        registry.GuestCapability("linux", Caps.MountNfsFolder, (m, request, ct) =>
            Run(m, NfsMountScript.Build(request.HostIp, request.GuestIp, request.Mounts), sudo: true, ct));
        registry.GuestCapability("linux", Caps.ShellExpandGuestPath, ExpandGuestPathAsync);
    }

    /// <summary>Expands a leading <c>~</c> or <c>~user</c> as the guest's shell would.</summary>
    public static async Task<string> ExpandGuestPathAsync(IMachine machine, string path, CancellationToken cancellation)
    {
        if (LinuxScripts.ExpandHome(path) is not { } split)
        {
            return path;
        }

        var home = new List<string>();
        await machine.Communicator.ExecuteAsync(split.Command, new ExecuteOptions { OnStdout = home.Add }, cancellation).ConfigureAwait(false);
        var expanded = string.Join('\n', home).Trim();
        return expanded.Length == 0 || expanded.StartsWith('~')
            ? throw new VnetException($"Machine '{machine.Name}': the guest could not expand '{path}'.")
            : expanded.TrimEnd('/') + split.Remainder;
    }

    /// <summary>The guest's physical NICs in kernel order (the first is the one vnet reaches the machine through).</summary>
    public static async Task<IReadOnlyList<GuestInterface>> NetworkInterfacesAsync(IMachine machine, CancellationToken cancellation)
    {
        var lines = new List<string>();
        await machine.Communicator.ExecuteAsync(LinuxScripts.NetworkInterfaces, new ExecuteOptions { OnStdout = lines.Add }, cancellation).ConfigureAwait(false);
        return [.. lines
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 2 && int.TryParse(f[0], CultureInfo.InvariantCulture, out _))
            .OrderBy(f => int.Parse(f[0], CultureInfo.InvariantCulture))
            .Select(f => new GuestInterface(f[1], f.Length > 2 ? f[2].ToLowerInvariant() : null))];
    }

    /// <summary>
    /// <c>configure_networks</c>: a network with a MAC goes to the NIC with that MAC, the others to the NICs after the
    /// first (the management NIC), in order.
    /// </summary>
    public static async Task<Unit> ConfigureNetworksAsync(IMachine machine, IReadOnlyList<NetworkDefinition> networks, CancellationToken cancellation)
    {
        if (networks.Count == 0)
        {
            return default;
        }

        var interfaces = await NetworkInterfacesAsync(machine, cancellation).ConfigureAwait(false);
        var names = new List<string>();
        var next = 1;
        foreach (var network in networks)
        {
            var byMac = network.Mac is { } mac ? interfaces.FirstOrDefault(i => string.Equals(i.Mac, NormalizeMac(mac), StringComparison.Ordinal)) : null;
            if (byMac is not null)
            {
                names.Add(byMac.Name);
                continue;
            }

            if (next >= interfaces.Count)
            {
                throw new VnetException($"Machine '{machine.Name}': the guest has {interfaces.Count} network interface(s), too few for {networks.Count} configured network(s).");
            }

            names.Add(interfaces[next++].Name);
        }

        var script = NetworkScript.Build([.. networks.Select((n, i) => new GuestNetwork(names[i], n))]);
        return await Run(machine, script, sudo: true, cancellation).ConfigureAwait(false);
    }

    private static async Task<Unit> HaltAsync(IMachine machine, Unit args, CancellationToken cancellation)
    {
        try
        {
            await machine.Communicator.ExecuteAsync(LinuxScripts.Halt, new ExecuteOptions { Sudo = true, ErrorOnFailure = false }, cancellation).ConfigureAwait(false);
        }
        catch (SshConnectionLostException)
        {
            // Expected: the guest closes the connection as it goes down.
        }

        await machine.Communicator.ResetAsync().ConfigureAwait(false);
        return default;
    }

    /// <summary>Reboots and waits until the guest answers again from a new boot (its boot id changed), up to <c>vm.boot_timeout</c>.</summary>
    private static async Task<Unit> RebootAsync(IMachine machine, Unit args, CancellationToken cancellation)
    {
        var before = await BootIdAsync(machine, cancellation).ConfigureAwait(false);
        try
        {
            await machine.Communicator.ExecuteAsync(LinuxScripts.Reboot, new ExecuteOptions { Sudo = true, ErrorOnFailure = false }, cancellation).ConfigureAwait(false);
        }
        catch (SshConnectionLostException)
        {
            // Expected while the guest goes down.
        }

        await machine.Communicator.ResetAsync().ConfigureAwait(false);
        var timeout = TimeSpan.FromSeconds(machine.Config.Vm.BootTimeout ?? VmConfig.DefaultBootTimeout);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            await machine.Communicator.WaitForReadyAsync(left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), cancellation).ConfigureAwait(false);
            string? now = null;
            try
            {
                now = await BootIdAsync(machine, cancellation).ConfigureAwait(false);
            }
            catch (SshConnectionLostException)
            {
                await machine.Communicator.ResetAsync().ConfigureAwait(false);
            }

            if (now is not null && now != before)
            {
                return default;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new VnetException($"Machine '{machine.Name}' did not come back from its reboot within {timeout.TotalSeconds:0} seconds.");
            }

            // Still the old boot: the guest had not gone down yet.
            await machine.Communicator.ResetAsync().ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(2), cancellation).ConfigureAwait(false);
        }
    }

    private static async Task<string> BootIdAsync(IMachine machine, CancellationToken cancellation)
    {
        var lines = new List<string>();
        await machine.Communicator.ExecuteAsync(LinuxScripts.BootId, new ExecuteOptions { OnStdout = lines.Add }, cancellation).ConfigureAwait(false);
        return string.Concat(lines).Trim();
    }

    private static async Task<Unit> Run(IMachine machine, string script, bool sudo, CancellationToken cancellation)
    {
        await machine.Communicator.ExecuteAsync(script, new ExecuteOptions { Sudo = sudo }, cancellation).ConfigureAwait(false);
        return default;
    }

    private static string NormalizeMac(string mac)
    {
        var hex = mac.Replace(":", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2)));
    }
}
