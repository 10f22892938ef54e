using System.Diagnostics;
using System.Text;
using System.Text.Json;
using VagrantNet.Core.IO;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.SyncedFolders.Nfs;

/// <summary>
/// NFS-Ganesha, a userspace NFSv4 server, for hosts whose kernel has no NFS server. vnet owns the
/// daemon: it keeps every machine's exports in <c>exports.json</c> under its state directory, writes
/// <c>ganesha.conf</c> from them (NFSv4 over TCP, one EXPORT per folder, readable and writable by that
/// machine's address only, pseudo path <c>/vnet/&lt;export id&gt;</c>), restarts <c>ganesha.nfsd</c> when they
/// change, and stops it when the last export is pruned. The daemon runs in vnet's network namespace.
/// </summary>
public sealed class GaneshaNfsServer : INfsServer
{
    public const string Program = "ganesha.nfsd";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly string _directory;
    private readonly IProcessRunner _processes;

    public GaneshaNfsServer(string stateDirectory, IProcessRunner processes)
    {
        _directory = stateDirectory;
        _processes = processes;
    }

    public string Name => "ganesha";

    public string DefaultVersion => "4.1";

    /// <summary>Words put before the daemon's command line (tests run it inside their own network namespace).</summary>
    public IReadOnlyList<string> CommandPrefix { get; init; } = [];

    public string ConfigFile => Path.Combine(_directory, "ganesha.conf");

    public string PidFile => Path.Combine(_directory, "ganesha.pid");

    public string LogFile => Path.Combine(_directory, "ganesha.log");

    private string StateFile => Path.Combine(_directory, "exports.json");

    public string? Unavailable()
    {
        if (_processes.Find(Program) is null)
        {
            return "NFS-Ganesha is not installed (install nfs-ganesha and nfs-ganesha-vfs)";
        }

        return System.Environment.UserName == "root" ? null : "NFS-Ganesha must run as root (it serves port 2049)";
    }

    public async Task<IReadOnlyList<string>> ExportAsync(string machineKey, IReadOnlyList<NfsExport> exports, CancellationToken cancellation)
    {
        var entries = Load();
        var previous = entries.Where(e => e.Machine == machineKey).ToList();
        entries.RemoveAll(e => e.Machine == machineKey);
        var used = entries.Select(e => e.ExportId).ToHashSet();
        var paths = new List<string>();
        foreach (var export in exports)
        {
            // A folder keeps its export id (and so its pseudo path) across ups.
            var id = previous.FirstOrDefault(p => p.Folder == export.Id)?.ExportId ?? 0;
            if (id == 0 || used.Contains(id))
            {
                id = Enumerable.Range(1, int.MaxValue - 1).First(n => !used.Contains(n));
            }

            used.Add(id);
            var entry = new Entry(machineKey, export.Id, export.HostPath, export.GuestIp, id);
            entries.Add(entry);
            paths.Add(entry.Pseudo);
        }

        Save(entries);
        await RestartAsync(entries, cancellation).ConfigureAwait(false);
        return paths;
    }

    public async Task PruneAsync(string machineKey, CancellationToken cancellation)
    {
        var entries = Load();
        if (entries.RemoveAll(e => e.Machine == machineKey) == 0)
        {
            return;
        }

        Save(entries);
        await RestartAsync(entries, cancellation).ConfigureAwait(false);
    }

    /// <summary>The daemon's configuration for <paramref name="entries"/>.</summary>
    public static string Config(IReadOnlyList<Entry> entries)
    {
        var config = new StringBuilder("""
            # Written by vnet; changes are overwritten.
            NFS_CORE_PARAM {
                Protocols = 4;
                Enable_NLM = false;
                Enable_RQUOTA = false;
                NFS_Port = 2049;
            }

            NFSV4 {
                Graceless = true;
            }

            NFS_KRB5 {
                Active_krb5 = false;
            }

            """);
        foreach (var entry in entries.OrderBy(e => e.ExportId))
        {
            config.Append($$"""

                # {{entry.Machine}} {{entry.Folder}}
                EXPORT {
                    Export_Id = {{entry.ExportId}};
                    Path = "{{entry.HostPath.Replace("\"", "\\\"", StringComparison.Ordinal)}}";
                    Pseudo = "{{entry.Pseudo}}";
                    Protocols = 4;
                    Transports = TCP;
                    SecType = sys;
                    Squash = No_Root_Squash;
                    Access_Type = None;
                    CLIENT {
                        Clients = {{entry.GuestIp}};
                        Access_Type = RW;
                    }
                    FSAL {
                        Name = VFS;
                    }
                }

                """);
        }

        return config.ToString();
    }

    /// <summary>The pid of the running daemon vnet started, or null.</summary>
    public int? RunningPid()
    {
        if (!File.Exists(PidFile) || !int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid))
        {
            return null;
        }

        var comm = $"/proc/{pid}/comm";
        return File.Exists(comm) && File.ReadAllText(comm).Trim().StartsWith("ganesha", StringComparison.Ordinal) ? pid : null;
    }

    private async Task RestartAsync(IReadOnlyList<Entry> entries, CancellationToken cancellation)
    {
        await StopAsync(cancellation).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            return;
        }

        AtomicFile.WriteAllText(ConfigFile, Config(entries));
        File.Delete(PidFile);
        var logStart = File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;
        var command = CommandPrefix.Concat([Program, "-f", ConfigFile, "-L", LogFile, "-p", PidFile, "-N", "NIV_EVENT"]).ToList();
        var result = await _processes.RunAsync(new ProcessRequest(command[0], [.. command.Skip(1)]), cancellation).ConfigureAwait(false);

        // The pid file comes early; the daemon serves once it logs that it is initialized.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (result.ExitCode == 0 && !Initialized(logStart) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellation).ConfigureAwait(false);
        }

        if (result.ExitCode != 0 || RunningPid() is null || !Initialized(logStart))
        {
            throw new VnetException(
                $"NFS-Ganesha did not start (exit {result.ExitCode}). {result.Stderr.Trim()} " +
                $"Its log is {LogFile}:{System.Environment.NewLine}{Tail(LogFile)}");
        }
    }

    private bool Initialized(long logStart)
    {
        if (RunningPid() is null || !File.Exists(LogFile))
        {
            return false;
        }

        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(logStart, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Contains("NFS SERVER INITIALIZED", StringComparison.Ordinal);
    }

    private async Task StopAsync(CancellationToken cancellation)
    {
        if (RunningPid() is not { } pid)
        {
            return;
        }

        using var process = Process.GetProcessById(pid);
        process.Kill();
        await process.WaitForExitAsync(cancellation).WaitAsync(TimeSpan.FromSeconds(15), cancellation).ConfigureAwait(false);
        File.Delete(PidFile);
    }

    private List<Entry> Load() =>
        File.Exists(StateFile) ? JsonSerializer.Deserialize<List<Entry>>(File.ReadAllText(StateFile)) ?? [] : [];

    private void Save(List<Entry> entries) => AtomicFile.WriteAllText(StateFile, JsonSerializer.Serialize(entries, Json));

    private static string Tail(string file) =>
        File.Exists(file) ? string.Join(System.Environment.NewLine, File.ReadLines(file).TakeLast(15)) : "(no log)";

    /// <summary>One exported folder of one machine.</summary>
    public sealed record Entry(string Machine, string Folder, string HostPath, string GuestIp, int ExportId)
    {
        public string Pseudo => $"/vnet/{ExportId}";
    }
}
