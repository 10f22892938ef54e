using VagrantNet.Sdk.Machines;

namespace VagrantNet.Sdk.Plugins;

/// <summary>Host-side services the engine lends to plugins.</summary>
public interface IVnetHost
{
    /// <summary><c>$VNET_HOME</c>: boxes, the machine index, plugins, caches.</summary>
    string Home { get; }

    /// <summary>A scratch directory under VNET_HOME for downloads and imports.</summary>
    string TempDirectory { get; }

    /// <summary>Finds the machine's box, adding it from <c>vm.box_url</c> or a catalog when missing.</summary>
    Task<BoxInfo> ResolveBoxAsync(IMachine machine, CancellationToken cancellation);

    /// <summary>A cross-process lock (a file lock under VNET_HOME/locks); disposing releases it.</summary>
    Task<IAsyncDisposable> LockAsync(string name, TimeSpan timeout, CancellationToken cancellation);

    /// <summary>Whether the user asked for a dry run: steps describe and do nothing.</summary>
    bool DryRun { get; }

    /// <summary>A new provisioner of <paramref name="type"/> (<c>shell</c>, <c>file</c>, ...); throws naming the installed types when unknown.</summary>
    IProvisioner CreateProvisioner(string type);

    /// <summary>The registered synced-folder implementations.</summary>
    IReadOnlyList<SyncedFolderType> SyncedFolderTypes { get; }

    /// <summary>
    /// Vagrant's well-known insecure private keys found on this host, which boxes authorize: a provider
    /// puts them in <see cref="SshInfo.PrivateKeyPaths"/> until vnet replaced the key in the guest.
    /// </summary>
    IReadOnlyList<string> InsecurePrivateKeyPaths { get; }

    /// <summary>Forwards host ports to guest ports over SSH (Vagrant's <c>forwarded_port</c>).</summary>
    IPortForwarder PortForwarder { get; }

    /// <summary>Runs host programs: the one runner vnet starts processes with, so a plugin's runs are logged and cancelled like the engine's.</summary>
    IProcessRunner Processes { get; }

    /// <summary>Writes <paramref name="path"/> so that readers see the old or the new content, never half of it (temp file + rename).</summary>
    void WriteFileAtomically(string path, string content, UnixFileMode? mode = null);

    /// <summary>Text made safe as a resource or file name: ASCII letters, digits, '-', '_' and '.' kept, anything else '_'.</summary>
    string SanitizeName(string text);
}
