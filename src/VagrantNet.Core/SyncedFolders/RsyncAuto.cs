using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.SyncedFolders;

/// <summary>
/// <c>vnet rsync-auto</c>: watches the host side of rsync folders and re-syncs a folder once its changes
/// settle (no change for the debounce time, 500 ms by default). Changes under excluded paths are
/// ignored. A failed sync is reported and watching goes on.
/// </summary>
public sealed class RsyncAuto
{
    private readonly IMachine _machine;
    private readonly IReadOnlyList<SyncedFolderDefinition> _folders;
    private readonly Func<SyncedFolderDefinition, CancellationToken, Task> _sync;
    private readonly TimeProvider _time;
    private readonly string? _controlPath;

    /// <summary>Watches <paramref name="folders"/> (host paths absolute) and syncs them with <see cref="RsyncHelper"/>.</summary>
    public RsyncAuto(IMachine machine, IReadOnlyList<SyncedFolderDefinition> folders)
        : this(machine, folders, null)
    {
    }

    /// <summary>For tests: <paramref name="sync"/> replaces the rsync run.</summary>
    public RsyncAuto(IMachine machine, IReadOnlyList<SyncedFolderDefinition> folders, Func<SyncedFolderDefinition, CancellationToken, Task>? sync, TimeProvider? time = null)
    {
        _machine = machine;
        _folders = folders;
        _time = time ?? TimeProvider.System;
        var controlPath = Path.Combine(Path.GetTempPath(), $"vnet-rsync-{System.Environment.ProcessId}-%C");
        _controlPath = sync is null ? controlPath : null;
        _sync = sync ?? (async (folder, cancellation) =>
        {
            var info = await machine.SshInfoAsync(cancellation).ConfigureAwait(false)
                ?? throw new VnetException($"Machine '{machine.Name}' has no SSH address; is it running?");
            await RsyncHelper.SyncAsync(machine, info, folder, cancellation, controlPath).ConfigureAwait(false);
        });
    }

    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Sync every folder once before watching (as Vagrant's rsync-auto does).</summary>
    public bool InitialSync { get; init; } = true;

    /// <summary>Raised after each sync with the folder synced (for tests and progress).</summary>
    public event Action<SyncedFolderDefinition>? Synced;

    /// <summary>Watches until <paramref name="cancellation"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellation)
    {
        var changes = Channel.CreateUnbounded<SyncedFolderDefinition>();
        var watchers = new List<FileSystemWatcher>();
        try
        {
            foreach (var folder in _folders)
            {
                if (InitialSync)
                {
                    await SyncAsync(folder, cancellation).ConfigureAwait(false);
                }

                var excludes = new RsyncExcludes(RsyncHelper.Excludes(folder));
                var watcher = new FileSystemWatcher(folder.HostPath) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.Attributes };
                void OnChange(string fullPath)
                {
                    var relative = Path.GetRelativePath(folder.HostPath, fullPath);
                    if (!excludes.IsExcluded(relative, Directory.Exists(fullPath)))
                    {
                        changes.Writer.TryWrite(folder);
                    }
                }

                watcher.Changed += (_, e) => OnChange(e.FullPath);
                watcher.Created += (_, e) => OnChange(e.FullPath);
                watcher.Deleted += (_, e) => OnChange(e.FullPath);
                watcher.Renamed += (_, e) =>
                {
                    OnChange(e.OldFullPath);
                    OnChange(e.FullPath);
                };
                watcher.Error += (_, e) => _machine.Logger.LogWarning("Watching {Path} failed: {Error}", folder.HostPath, e.GetException().Message);
                watcher.EnableRaisingEvents = true;
                watchers.Add(watcher);
            }

            var reader = changes.Reader;
            while (await reader.WaitToReadAsync(cancellation).ConfigureAwait(false))
            {
                var dirty = new List<SyncedFolderDefinition>();
                Drain(reader, dirty);

                // Debounce: wait until the changes settle, collecting the folders touched meanwhile.
                do
                {
                    await Task.Delay(Debounce, _time, cancellation).ConfigureAwait(false);
                }
                while (Drain(reader, dirty));

                foreach (var folder in dirty)
                {
                    await SyncAsync(folder, cancellation).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            foreach (var watcher in watchers)
            {
                watcher.Dispose();
            }

            await StopControlMasterAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Ends the shared ssh connection the syncs used, so nothing outlives the watch.</summary>
    private async Task StopControlMasterAsync()
    {
        if (_controlPath is null)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            if (await _machine.SshInfoAsync(timeout.Token).ConfigureAwait(false) is { } info)
            {
                var ssh = RsyncHelper.SshCommand(info, _controlPath);
                await _machine.Host.Processes.RunAsync(new ProcessRequest(ssh[0], [.. ssh.Skip(1), "-O", "exit", $"{info.Username}@{info.Host}"]), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _machine.Logger.LogDebug("Stopping the rsync ssh control master failed: {Error}", e.Message);
        }
    }

    private async Task SyncAsync(SyncedFolderDefinition folder, CancellationToken cancellation)
    {
        try
        {
            _machine.Ui.Info($"Rsyncing folder: {folder.HostPath.TrimEnd('/')}/ => {folder.GuestPath}");
            await _sync(folder, cancellation).ConfigureAwait(false);
            Synced?.Invoke(folder);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _machine.Ui.Error($"rsync failed; vnet keeps watching. {e.Message}");
        }
    }

    private static bool Drain(ChannelReader<SyncedFolderDefinition> reader, List<SyncedFolderDefinition> dirty)
    {
        var any = false;
        while (reader.TryRead(out var folder))
        {
            any = true;
            if (!dirty.Contains(folder))
            {
                dirty.Add(folder);
            }
        }

        return any;
    }
}
