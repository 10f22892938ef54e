using System.Text.Json;
using VagrantNet.Sdk;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Testing;

/// <summary>
/// Host services under a home directory the test owns: real file locks (so steps that race each other are tested as
/// they run), boxes installed on disk by <see cref="InstallBox"/>, host programs answered by a
/// <see cref="FakeProcessRunner"/>, port forwarding that only records, and the provisioners the test registers.
/// </summary>
public sealed class FakeVnetHost : IVnetHost
{
    private readonly List<string> _locks = [];
    private BoxInfo? _box;

    /// <summary>Uses <paramref name="home"/> as VNET_HOME, creating it and its <c>tmp/</c>.</summary>
    public FakeVnetHost(string home)
    {
        Home = home;
        TempDirectory = Path.Combine(home, "tmp");
        Directory.CreateDirectory(TempDirectory);
    }

    public string Home { get; }

    public string TempDirectory { get; }

    public bool DryRun { get; set; }

    /// <summary>The box <see cref="ResolveBoxAsync"/> answers, set by <see cref="InstallBox"/>.</summary>
    public BoxInfo Box
    {
        get => _box ?? throw new InvalidOperationException("This fake host has no box: call InstallBox first.");
        set => _box = value;
    }

    /// <summary>Names of the locks taken so far, in order.</summary>
    public IReadOnlyList<string> Locks
    {
        get
        {
            lock (_locks)
            {
                return [.. _locks];
            }
        }
    }

    public List<SyncedFolderType> SyncedFolderTypes { get; } = [];

    IReadOnlyList<SyncedFolderType> IVnetHost.SyncedFolderTypes => SyncedFolderTypes;

    public List<string> InsecurePrivateKeyPaths { get; } = [];

    IReadOnlyList<string> IVnetHost.InsecurePrivateKeyPaths => InsecurePrivateKeyPaths;

    /// <summary>What <see cref="CreateProvisioner"/> creates, by type.</summary>
    public Dictionary<string, Func<IProvisioner>> Provisioners { get; } = [];

    /// <summary>Runs nothing: a host program gets exit status 0 and no output unless the test replaces the runner.</summary>
    public FakeProcessRunner Processes { get; set; } = new();

    IProcessRunner IVnetHost.Processes => Processes;

    public RecordingPortForwarder PortForwarder { get; } = new();

    IPortForwarder IVnetHost.PortForwarder => PortForwarder;

    /// <summary>
    /// Lays out a box as vnet's box store does (<c>boxes/NAME/VERSION/ARCH/PROVIDER/metadata.json</c>) and makes it the
    /// one <see cref="ResolveBoxAsync"/> answers; the test writes the disk images into its <see cref="BoxInfo.Directory"/>.
    /// </summary>
    public BoxInfo InstallBox(string name, string version, string provider, string metadataJson, string architecture = "amd64")
    {
        var directory = Path.Combine(Home, "boxes", name.Replace("/", "-VAGRANTSLASH-", StringComparison.Ordinal), version, architecture, provider);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "metadata.json"), metadataJson);
        _box = new BoxInfo(name, version, provider, architecture, directory)
        {
            Metadata = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(metadataJson)
                ?? throw new ArgumentException("The box metadata is JSON null.", nameof(metadataJson)),
        };
        return _box;
    }

    public Task<BoxInfo> ResolveBoxAsync(IMachine machine, CancellationToken cancellation) =>
        _box is { } box
            ? Task.FromResult(box)
            : throw new VnetError($"Machine '{machine.Name}': no box is installed in this fake host (call InstallBox first).");

    /// <summary>Takes <c>locks/NAME.lock</c> exclusively, as vnet does, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<IAsyncDisposable> LockAsync(string name, TimeSpan timeout, CancellationToken cancellation)
    {
        lock (_locks)
        {
            _locks.Add(name);
        }

        var path = Path.Combine(Home, "locks", SanitizeName(name) + ".lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellation).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new VnetError($"{name} is in use by another vnet process (lock {path}); wait for it to finish and try again.", e);
            }
        }
    }

    public IProvisioner CreateProvisioner(string type) =>
        Provisioners.TryGetValue(type, out var create)
            ? create()
            : throw new VnetError($"The provisioner type '{type}' is not installed. Installed types: {(Provisioners.Count == 0 ? "none" : string.Join(", ", Provisioners.Keys.Order(StringComparer.Ordinal)))}.");

    /// <summary>Writes to a temporary file beside <paramref name="path"/>, then moves it over, as vnet does.</summary>
    public void WriteFileAtomically(string path, string content, UnixFileMode? mode = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp-" + Environment.ProcessId;
        using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = mode ?? (UnixFileMode)0b110_100_100 }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>vnet's rule: anything but ASCII letters, digits, <c>-</c>, <c>_</c> and <c>.</c> becomes <c>_</c>.</summary>
    public string SanitizeName(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
