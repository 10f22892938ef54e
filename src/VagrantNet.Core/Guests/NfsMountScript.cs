using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using VagrantNet.Core.Communication;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.Guests;

/// <summary>
/// The script (run with sudo) behind the Linux <c>mount_nfs_folder</c> capability. NFSv3 needs the
/// <c>mount.nfs</c> helper, installed when missing as Vagrant does; NFSv4 without the helper is mounted
/// by the kernel directly (<c>mount -i -t nfs4 -o addr=...,clientaddr=...</c>). Mounts are retried a few
/// times, and a folder already mounted (an earlier up) is remounted.
/// </summary>
public static partial class NfsMountScript
{
    public const string InstallClient =
        "if command -v apt-get >/dev/null 2>&1; then DEBIAN_FRONTEND=noninteractive apt-get install -y -q nfs-common || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nfs-common; }; " +
        "elif command -v dnf >/dev/null 2>&1; then dnf -y install nfs-utils; " +
        "elif command -v yum >/dev/null 2>&1; then yum -y install nfs-utils; " +
        "elif command -v apk >/dev/null 2>&1; then apk add --no-cache nfs-utils; " +
        "elif command -v zypper >/dev/null 2>&1; then zypper -n install nfs-client; " +
        "else echo 'vnet: no known package manager to install the NFS client with' >&2; exit 1; fi";

    public static string Build(string hostIp, string guestIp, IReadOnlyList<NfsMount> mounts)
    {
        var host = Address(hostIp);
        var guest = Address(guestIp);
        var script = new StringBuilder($$"""
            set -e
            have_helper() { command -v mount.nfs >/dev/null 2>&1 || [ -x /sbin/mount.nfs ] || [ -x /usr/sbin/mount.nfs ]; }
            try_mount() { n=0; until "$@"; do n=$((n+1)); [ "$n" -ge 5 ] && return 1; sleep 2; done; }

            """);
        foreach (var mount in mounts)
        {
            var version = mount.Version;
            if (!OptionPattern().IsMatch(version))
            {
                throw new VnetException($"'{version}' is not an NFS version.");
            }

            foreach (var option in mount.Options.Where(o => !OptionPattern().IsMatch(o)))
            {
                throw new VnetException($"The NFS mount option '{option}' is not allowed (letters, digits and _=.,:/- only).");
            }

            var target = ShellQuote.Quote(mount.GuestPath);
            var source = ShellQuote.Quote($"{host}:{mount.ServerPath}");
            var v4 = version.StartsWith('4');
            var options = new List<string> { $"vers={version}" };
            if (mount.Udp && !v4)
            {
                options.Add("udp");
            }

            options.AddRange(mount.Options);
            var withHelper = string.Join(',', options);
            var direct = string.Join(',', options.Take(1).Concat([$"addr={host}", $"clientaddr={guest}"]).Concat(options.Skip(1)));
            script.Append($"mkdir -p {target}\n");
            script.Append($"if mountpoint -q {target} 2>/dev/null; then umount {target} || umount -l {target}; fi\n");
            if (v4)
            {
                script.Append($"if have_helper; then try_mount mount -t nfs4 -o {withHelper} {source} {target}; else try_mount mount -i -t nfs4 -o {direct} {source} {target}; fi\n");
            }
            else
            {
                script.Append($"have_helper || {{ {InstallClient}; }}\n");
                script.Append($"try_mount mount -t nfs -o {withHelper} {source} {target}\n");
            }
        }

        return script.ToString();
    }

    private static string Address(string ip) =>
        IPAddress.TryParse(ip, out var address) ? address.ToString() : throw new VnetException($"'{ip}' is not an IP address.");

    [GeneratedRegex("^[A-Za-z0-9_=.,:/-]+$")]
    private static partial Regex OptionPattern();
}
