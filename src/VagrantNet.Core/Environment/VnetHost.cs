using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VagrantNet.Core.Communication;
using VagrantNet.Core.IO;
using VagrantNet.Core.Locking;
using VagrantNet.Core.Plugins;
using VagrantNet.Core.Processes;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.Environment;

/// <summary>The engine's host services for plugins.</summary>
public sealed class VnetHost(VnetPaths paths, IBoxResolver? boxes, bool dryRun, PluginRegistry? registry = null, ILoggerFactory? loggerFactory = null) : IVnetHost
{
    private IReadOnlyList<string>? _insecureKeys;
    private IPortForwarder? _portForwarder;

    public string Home => paths.Home;

    public string TempDirectory => paths.EnsureDirectory(paths.Temp);

    public bool DryRun { get; } = dryRun;

    public VnetPaths Paths => paths;

    public IReadOnlyList<SyncedFolderType> SyncedFolderTypes =>
        registry is null ? [] : [.. registry.SyncedFolders.Values.Select(r => new SyncedFolderType(r.Type, r.Priority, r.Factory))];

    public IReadOnlyList<string> InsecurePrivateKeyPaths => _insecureKeys ??= InsecureKey.Find(paths.Home);

    public IPortForwarder PortForwarder => _portForwarder ??= new SshPortForwarder(Processes);

    /// <summary>The engine's runner; settable so tests can put a fake in its place.</summary>
    public IProcessRunner Processes { get; set; } = new ProcessRunner((loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("processes"));

    public void WriteFileAtomically(string path, string content, UnixFileMode? mode = null) => AtomicFile.WriteAllText(path, content, mode);

    public string SanitizeName(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));

    public IProvisioner CreateProvisioner(string type) =>
        registry is not null && registry.Provisioners.TryGetValue(type, out var factory)
            ? factory()
            : throw new VnetException(
                $"The provisioner type '{type}' is not installed. Installed types: " +
                $"{(registry is null || registry.Provisioners.Count == 0 ? "none" : string.Join(", ", registry.Provisioners.Keys.Order(StringComparer.Ordinal)))}.");

    public Task<BoxInfo> ResolveBoxAsync(IMachine machine, CancellationToken cancellation) =>
        boxes is null
            ? throw new VnetException($"Machine '{machine.Name}': no box collection is available to resolve '{machine.Config.Vm.Box}'.")
            : boxes.ResolveAsync(machine, cancellation);

    public async Task<IAsyncDisposable> LockAsync(string name, TimeSpan timeout, CancellationToken cancellation) =>
        await FileLock.AcquireAsync(Path.Combine(paths.Locks, SanitizeName(name) + ".lock"), timeout, name, cancellation).ConfigureAwait(false);
}

/// <summary>Finds or adds the box a machine needs. Implemented by the box collection.</summary>
public interface IBoxResolver
{
    Task<BoxInfo> ResolveAsync(IMachine machine, CancellationToken cancellation);
}
