using System.Text.Json;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Tests.Support;

namespace VagrantNet.Providers.Libvirt.Tests.Support;

/// <summary>
/// The host services the libvirt steps use, without Core: no-op locks (recorded by name), one installed
/// libvirt box with a small fake <c>box.img</c>, no provisioners and no synced-folder types.
/// </summary>
internal sealed class FakeVnetHost : IVnetHost
{
    public const string BoxName = "vnet/test-box";
    public const string BoxVersion = "1.2.3";

    /// <summary>The box's <c>virtual_size</c> in GB, as its metadata says.</summary>
    public const int BoxVirtualSizeGb = 2;

    private readonly List<string> _locks = [];

    public FakeVnetHost(string home)
    {
        Home = home;
        TempDirectory = Path.Combine(home, "tmp");
        Directory.CreateDirectory(TempDirectory);
        var boxDirectory = Path.Combine(home, "boxes", "vnet-VAGRANTSLASH-test-box", BoxVersion, "amd64", "libvirt");
        Directory.CreateDirectory(boxDirectory);
        File.WriteAllBytes(Path.Combine(boxDirectory, "box.img"), new byte[64 * 1024]);
        var metadata = $$"""{ "provider": "libvirt", "format": "qcow2", "virtual_size": {{BoxVirtualSizeGb}} }""";
        File.WriteAllText(Path.Combine(boxDirectory, "metadata.json"), metadata);
        Box = new BoxInfo(BoxName, BoxVersion, "libvirt", "amd64", boxDirectory)
        {
            Metadata = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(metadata)!,
        };
    }

    public string Home { get; }

    public string TempDirectory { get; }

    /// <summary>The box <see cref="ResolveBoxAsync"/> answers.</summary>
    public BoxInfo Box { get; set; }

    /// <summary>Names of the locks taken so far, in order.</summary>
    public IReadOnlyList<string> Locks => _locks;

    public bool DryRun => false;

    public IReadOnlyList<SyncedFolderType> SyncedFolderTypes => [];

    public IReadOnlyList<string> InsecurePrivateKeyPaths => [];

    public Task<BoxInfo> ResolveBoxAsync(IMachine machine, CancellationToken cancellation) => Task.FromResult(Box);

    public Task<IAsyncDisposable> LockAsync(string name, TimeSpan timeout, CancellationToken cancellation)
    {
        _locks.Add(name);
        return Task.FromResult<IAsyncDisposable>(new NoLock());
    }

    public IProvisioner CreateProvisioner(string type) =>
        throw new NotSupportedException($"the libvirt step tests have no provisioner '{type}'");

    /// <summary>Runs nothing: a step that starts a host program gets exit status 0 and no output unless a test replaces it.</summary>
    public FakeProcessRunner Processes { get; set; } = new();

    IProcessRunner IVnetHost.Processes => Processes;

    /// <summary>A plain write: the steps' tests need the content, not the atomicity.</summary>
    public void WriteFileAtomically(string path, string content, UnixFileMode? mode = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>The engine's rule (VnetHost), repeated: the libvirt tests run without Core.</summary>
    public string SanitizeName(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));

    /// <summary>Records what the steps ask of port forwarding; forwards nothing.</summary>
    public RecordingPortForwarder PortForwarder { get; } = new();

    IPortForwarder IVnetHost.PortForwarder => PortForwarder;

    private sealed class NoLock : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Port forwarding that only records: which machines were asked to start and to stop forwarding.</summary>
internal sealed class RecordingPortForwarder : IPortForwarder
{
    public List<string> Calls { get; } = [];

    public Task<IReadOnlyList<ForwardedPort>> StartAsync(IMachine machine, SshInfo ssh, CancellationToken cancellation)
    {
        Calls.Add("start " + machine.Name);
        return Task.FromResult<IReadOnlyList<ForwardedPort>>([]);
    }

    public Task<bool> StopAsync(IMachine machine, CancellationToken cancellation)
    {
        Calls.Add("stop " + machine.Name);
        return Task.FromResult(false);
    }

    public Task<IReadOnlyList<ForwardedPort>> ActiveAsync(IMachine machine, CancellationToken cancellation) =>
        Task.FromResult<IReadOnlyList<ForwardedPort>>([]);
}
