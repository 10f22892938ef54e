using System.Text.RegularExpressions;
using VagrantNet.Core.Communication;

namespace VagrantNet.Core.Guests;

/// <summary>The shell scripts behind the Linux guest capabilities (POSIX sh, busybox included), one round trip each.</summary>
public static partial class LinuxScripts
{
    /// <summary>Sets the hostname (hostnamectl when systemd runs, else /etc/hostname and <c>hostname</c>) and the 127.0.1.1 line of /etc/hosts. Run with sudo.</summary>
    public static string ChangeHostName(string name)
    {
        if (!HostnamePattern().IsMatch(name))
        {
            throw new VnetException($"'{name}' is not a valid hostname.");
        }

        var shortName = name.Split('.')[0];
        var hostsLine = shortName == name ? $"127.0.1.1\t{name}" : $"127.0.1.1\t{name} {shortName}";
        return $$"""
            set -e
            name={{name}}
            if [ "$(hostname)" != "$name" ] || [ "$(cat /etc/hostname 2>/dev/null)" != "$name" ]; then
              if command -v hostnamectl >/dev/null 2>&1 && hostnamectl status >/dev/null 2>&1; then
                hostnamectl set-hostname "$name"
              else
                printf '%s\n' "$name" > /etc/hostname
                hostname "$name"
              fi
            fi
            awk -v line={{ShellQuote.Quote(hostsLine)}} '
              /^127\.0\.1\.1[ \t]/ { if (!done) { print line; done = 1 } next }
              { print }
              END { if (!done) print line }
            ' /etc/hosts > /etc/hosts.vnet
            cat /etc/hosts.vnet > /etc/hosts
            rm -f /etc/hosts.vnet
            """;
    }

    /// <summary>Adds a public key line to the login user's authorized_keys unless it is there. Run as the user.</summary>
    public static string InsertPublicKey(string publicKey)
    {
        var key = ShellQuote.Quote(SingleLine(publicKey));
        return $$"""
            set -e
            umask 077
            mkdir -p ~/.ssh
            chmod 0700 ~/.ssh
            touch ~/.ssh/authorized_keys
            chmod 0600 ~/.ssh/authorized_keys
            if [ -s ~/.ssh/authorized_keys ] && [ -n "$(tail -c 1 ~/.ssh/authorized_keys)" ]; then echo >> ~/.ssh/authorized_keys; fi
            grep -qxF {{key}} ~/.ssh/authorized_keys || printf '%s\n' {{key}} >> ~/.ssh/authorized_keys
            """;
    }

    /// <summary>Removes every authorized_keys line carrying the key material of <paramref name="publicKey"/> (whatever its comment). Run as the user.</summary>
    public static string RemovePublicKey(string publicKey)
    {
        var fields = SingleLine(publicKey).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var material = fields.Length >= 2 ? fields[1] : fields[0];
        return $$"""
            set -e
            if [ -f ~/.ssh/authorized_keys ]; then
              grep -vF {{ShellQuote.Quote(material)}} ~/.ssh/authorized_keys > ~/.ssh/authorized_keys.vnet || true
              cat ~/.ssh/authorized_keys.vnet > ~/.ssh/authorized_keys
              rm -f ~/.ssh/authorized_keys.vnet
            fi
            """;
    }

    /// <summary>Lists physical NICs as <c>ifindex name mac</c> lines.</summary>
    public const string NetworkInterfaces = """
        for i in /sys/class/net/*; do
          [ -e "$i/device" ] || continue
          printf '%s %s %s\n' "$(cat "$i/ifindex")" "${i##*/}" "$(cat "$i/address")"
        done
        """;

    public const string Halt = "if command -v shutdown >/dev/null 2>&1; then shutdown -h now; else poweroff; fi";

    public const string Reboot = "if command -v shutdown >/dev/null 2>&1; then shutdown -r now; else reboot; fi";

    public const string BootId = "cat /proc/sys/kernel/random/boot_id";

    public const string RsyncInstalled = "command -v rsync";

    public const string InstallRsyncDebian = "export DEBIAN_FRONTEND=noninteractive; apt-get install -y -q rsync || { apt-get update -q && apt-get install -y -q rsync; }";

    public const string InstallRsyncRedhat = "if command -v dnf >/dev/null 2>&1; then dnf -y install rsync; else yum -y install rsync; fi";

    public const string InstallRsyncAlpine = "apk add --no-cache rsync";

    public const string InstallRsyncAny = "if command -v apt-get >/dev/null 2>&1; then " + InstallRsyncDebian +
                                          "; elif command -v dnf >/dev/null 2>&1 || command -v yum >/dev/null 2>&1; then " + InstallRsyncRedhat +
                                          "; elif command -v apk >/dev/null 2>&1; then " + InstallRsyncAlpine +
                                          "; elif command -v zypper >/dev/null 2>&1; then zypper -n install rsync" +
                                          "; else echo 'no known package manager to install rsync with' >&2; exit 1; fi";

    /// <summary>
    /// Splits a guest path that starts with <c>~</c> or <c>~user</c> into the command printing that home
    /// directory and the rest, or returns null when there is nothing to expand.
    /// </summary>
    public static (string Command, string Remainder)? ExpandHome(string path)
    {
        if (!path.StartsWith('~'))
        {
            return null;
        }

        var slash = path.IndexOf('/');
        var head = slash < 0 ? path : path[..slash];
        var rest = slash < 0 ? string.Empty : path[slash..];
        return head.Length > 1 && !UserPattern().IsMatch(head[1..])
            ? throw new VnetException($"Cannot expand '{head}' in the guest path '{path}': not a user name.")
            : ($"printf '%s' {head}", rest);
    }

    private static string SingleLine(string text)
    {
        var line = text.Trim();
        return line.Contains('\n') || line.Contains('\r') ? throw new VnetException("A public key must be one line.") : line;
    }

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostnamePattern();

    [GeneratedRegex("^[a-z_][a-z0-9_.-]*$")]
    private static partial Regex UserPattern();
}
