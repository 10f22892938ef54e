using System.Security.Cryptography;
using System.Text;
using VagrantNet.Core.IO;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.SyncedFolders.Nfs;

/// <summary>
/// The kernel NFS server, as Vagrant drives it: each machine's exports live in <c>/etc/exports</c>
/// between marker lines (<c># VNET-BEGIN: user machine</c> ... <c># VNET-END: ...</c>), added on up and
/// pruned on halt and destroy, then <c>exportfs -ra</c>. Writes go through <c>sudo</c> when vnet is not root.
/// </summary>
public sealed class KernelNfsServer : INfsServer
{
    private readonly string _exportsFile;
    private readonly IProcessRunner _processes;

    public KernelNfsServer(IProcessRunner processes, string exportsFile = "/etc/exports")
    {
        _processes = processes;
        _exportsFile = exportsFile;
    }

    public string Name => "kernel";

    public string DefaultVersion => "3";

    public string? Unavailable()
    {
        var filesystems = File.Exists("/proc/filesystems") ? File.ReadAllText("/proc/filesystems") : string.Empty;
        if (!filesystems.Contains("nfsd", StringComparison.Ordinal))
        {
            return "the host kernel has no NFS server (nfsd is not in /proc/filesystems)";
        }

        return _processes.Find("exportfs") is null ? "exportfs is missing (install nfs-kernel-server)" : null;
    }

    public async Task<IReadOnlyList<string>> ExportAsync(string machineKey, IReadOnlyList<NfsExport> exports, CancellationToken cancellation)
    {
        var lines = Without(ReadLines(), machineKey);
        var user = System.Environment.UserName;
        lines.Add($"# VNET-BEGIN: {user} {machineKey}");
        foreach (var export in exports)
        {
            var (uid, gid) = await OwnerAsync(export, cancellation).ConfigureAwait(false);
            lines.Add($"\"{export.HostPath}\" {export.GuestIp}(rw,no_subtree_check,all_squash,anonuid={uid},anongid={gid},fsid={FsId(export.HostPath)})");
        }

        lines.Add($"# VNET-END: {user} {machineKey}");
        await WriteAsync(lines, cancellation).ConfigureAwait(false);
        await ReloadAsync(cancellation).ConfigureAwait(false);
        return [.. exports.Select(e => e.HostPath)];
    }

    public async Task PruneAsync(string machineKey, CancellationToken cancellation)
    {
        var before = ReadLines();
        var after = Without(before, machineKey);
        if (after.Count == before.Count)
        {
            return;
        }

        await WriteAsync(after, cancellation).ConfigureAwait(false);
        await ReloadAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>A stable fsid for a path (some file systems cannot be exported without one).</summary>
    public static uint FsId(string path) => (BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(path)), 0) & 0x7FFFFFFF) | 1;

    private List<string> ReadLines() => File.Exists(_exportsFile) ? [.. File.ReadAllLines(_exportsFile)] : [];

    private static List<string> Without(List<string> lines, string machineKey)
    {
        var result = new List<string>();
        var skipping = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("# VNET-BEGIN:", StringComparison.Ordinal) && line.EndsWith(" " + machineKey, StringComparison.Ordinal))
            {
                skipping = true;
                continue;
            }

            if (skipping)
            {
                if (line.StartsWith("# VNET-END:", StringComparison.Ordinal) && line.EndsWith(" " + machineKey, StringComparison.Ordinal))
                {
                    skipping = false;
                }

                continue;
            }

            result.Add(line);
        }

        return result;
    }

    private async Task WriteAsync(List<string> lines, CancellationToken cancellation)
    {
        var content = lines.Count == 0 ? string.Empty : string.Join('\n', lines) + "\n";
        try
        {
            AtomicFile.WriteAllText(_exportsFile, content);
        }
        catch (UnauthorizedAccessException)
        {
            var result = await _processes.RunAsync(new ProcessRequest("sudo", ["-n", "tee", _exportsFile]) { StandardInput = content }, cancellation).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new VnetException($"vnet could not update {_exportsFile} (it needs root; sudo said: {result.Stderr.Trim()}).");
            }
        }
    }

    private async Task ReloadAsync(CancellationToken cancellation)
    {
        IReadOnlyList<string> command = System.Environment.UserName == "root" ? ["exportfs", "-ra"] : ["sudo", "-n", "exportfs", "-ra"];
        var result = await _processes.RunAsync(new ProcessRequest(command[0], [.. command.Skip(1)]), cancellation).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new VnetException($"exportfs -ra failed (exit {result.ExitCode}): {result.Stderr.Trim()}. Check {_exportsFile}.");
        }
    }

    private async Task<(int Uid, int Gid)> OwnerAsync(NfsExport export, CancellationToken cancellation)
    {
        if (export.Uid is { } uid && export.Gid is { } gid)
        {
            return (uid, gid);
        }

        var stat = await _processes.RunAsync(new ProcessRequest("stat", ["-c", "%u %g", export.HostPath]), cancellation).ConfigureAwait(false);
        var fields = stat.Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return stat.ExitCode == 0 && fields.Length == 2
            ? (export.Uid ?? int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture), export.Gid ?? int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture))
            : throw new VnetException($"Cannot read the owner of {export.HostPath}: {stat.Stderr.Trim()}");
    }
}
