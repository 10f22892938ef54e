using System.Globalization;
using VagrantNet.Core.Communication;
using VagrantNet.Core.Environment;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

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

        registry.GuestCapability("linux", "change_host_name", ChangeHostNameAsync);
        registry.GuestCapability("linux", "configure_networks", ConfigureNetworksAsync);
        registry.GuestCapability("linux", "network_interfaces", async (m, _, ct) => await NetworkInterfacesAsync(m, ct).ConfigureAwait(false));
        registry.GuestCapability("linux", "halt", HaltAsync);
        registry.GuestCapability("linux", "reboot", RebootAsync);
        registry.GuestCapability("linux", KeyInsertion.InsertCapability, (m, args, ct) => Run(m, LinuxScripts.InsertPublicKey(Arg<string>(args, 0, "public key")), sudo: false, ct));
        registry.GuestCapability("linux", KeyInsertion.RemoveCapability, (m, args, ct) => Run(m, LinuxScripts.RemovePublicKey(Arg<string>(args, 0, "public key")), sudo: false, ct));
        registry.GuestCapability("linux", "rsync_installed", async (m, _, ct) => (object?)await m.Communicator.TestAsync(LinuxScripts.RsyncInstalled, sudo: false, ct).ConfigureAwait(false));
        registry.GuestCapability("linux", "rsync_install", (m, _, ct) => Run(m, LinuxScripts.InstallRsyncAny, sudo: true, ct));
        registry.GuestCapability("debian", "rsync_install", (m, _, ct) => Run(m, LinuxScripts.InstallRsyncDebian, sudo: true, ct));
        registry.GuestCapability("redhat", "rsync_install", (m, _, ct) => Run(m, LinuxScripts.InstallRsyncRedhat, sudo: true, ct));
        registry.GuestCapability("alpine", "rsync_install", (m, _, ct) => Run(m, LinuxScripts.InstallRsyncAlpine, sudo: true, ct));
        registry.GuestCapability("linux", "mount_nfs_folder", (m, args, ct) =>
            Run(m, NfsMountScript.Build(Arg<string>(args, 0, "host IP"), Arg<string>(args, 1, "guest IP"), [.. Arg<IEnumerable<NfsMount>>(args, 2, "mounts")]), sudo: true, ct));
        registry.GuestCapability("linux", "shell_expand_guest_path", async (m, args, ct) => await ExpandGuestPathAsync(m, Arg<string>(args, 0, "path"), ct).ConfigureAwait(false));
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
    /// <c>configure_networks</c>: args[0] the networks to configure (<see cref="NetworkDefinition"/>s), args[1] optionally the
    /// guest's interface name for each. Without names, a network with a MAC goes to the NIC with that MAC, the others to
    /// the NICs after the first, in order.
    /// </summary>
    public static async Task<object?> ConfigureNetworksAsync(IMachine machine, object?[] args, CancellationToken cancellation)
    {
        // An array passed alone to a params object[] arrives expanded: accept the networks either way.
        var networks = args.Length > 0 && args[0] is IEnumerable<NetworkDefinition> list ? list.ToList() : args.OfType<NetworkDefinition>().ToList();
        if (networks.Count == 0)
        {
            return null;
        }

        var names = args.Length > 1 && args[1] is IEnumerable<string> given ? given.ToList() : null;
        if (names is null)
        {
            var interfaces = await NetworkInterfacesAsync(machine, cancellation).ConfigureAwait(false);
            names = [];
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
        }

        if (names.Count != networks.Count)
        {
            throw new VnetException($"configure_networks: {networks.Count} network(s) but {names.Count} interface name(s).");
        }

        var script = NetworkScript.Build([.. networks.Select((n, i) => new GuestNetwork(names[i], n))]);
        await Run(machine, script, sudo: true, cancellation).ConfigureAwait(false);
        return null;
    }

    private static async Task<object?> ChangeHostNameAsync(IMachine machine, object?[] args, CancellationToken cancellation)
    {
        await Run(machine, LinuxScripts.ChangeHostName(Arg<string>(args, 0, "hostname")), sudo: true, cancellation).ConfigureAwait(false);
        return null;
    }

    private static async Task<object?> HaltAsync(IMachine machine, object?[] args, CancellationToken cancellation)
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
        return null;
    }

    /// <summary>Reboots and waits until the guest answers again from a new boot (its boot id changed), up to <c>vm.boot_timeout</c>.</summary>
    private static async Task<object?> RebootAsync(IMachine machine, object?[] args, CancellationToken cancellation)
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
                return null;
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

    private static async Task<object?> Run(IMachine machine, string script, bool sudo, CancellationToken cancellation)
    {
        await machine.Communicator.ExecuteAsync(script, new ExecuteOptions { Sudo = sudo }, cancellation).ConfigureAwait(false);
        return null;
    }

    private static string NormalizeMac(string mac)
    {
        var hex = mac.Replace(":", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2)));
    }

    private static T Arg<T>(object?[] args, int index, string what) =>
        args.Length > index && args[index] is T value
            ? value
            : throw new ArgumentException($"the capability needs the {what} as argument {index + 1} ({typeof(T).Name})");
}
