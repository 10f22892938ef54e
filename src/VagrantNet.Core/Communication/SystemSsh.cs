using System.Globalization;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Core.Communication;

/// <summary>
/// Command lines for the host's OpenSSH client, for what SSH.NET cannot do for others: rsync's transport and
/// port forwarding that outlives the vnet process. Host keys are pinned when the machine has a known_hosts file.
/// </summary>
public static class SystemSsh
{
    /// <summary><c>ssh</c> and its options for <paramref name="info"/> (no destination), one word per element.</summary>
    public static List<string> Command(SshInfo info, string? controlPath = null)
    {
        var words = new List<string> { "ssh", "-p", info.Port.ToString(CultureInfo.InvariantCulture), "-o", "LogLevel=ERROR", "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes" };
        if (info.KnownHostsFile is { } knownHosts)
        {
            words.AddRange(["-o", "StrictHostKeyChecking=yes", "-o", $"UserKnownHostsFile={knownHosts}"]);
        }
        else
        {
            words.AddRange(["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"]);
        }

        if (controlPath is not null)
        {
            words.AddRange(["-o", "ControlMaster=auto", "-o", $"ControlPath={controlPath}", "-o", "ControlPersist=10m"]);
        }

        if (info.ProxyCommand is { } proxy)
        {
            words.AddRange(["-o", $"ProxyCommand={proxy}"]);
        }

        foreach (var key in info.PrivateKeyPaths)
        {
            words.AddRange(["-i", key]);
        }

        return words;
    }

    /// <summary><c>user@host</c>, with an IPv6 host in brackets where a host:path follows.</summary>
    public static string Destination(SshInfo info) => $"{info.Username}@{info.Host}";
}
