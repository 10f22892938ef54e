using VagrantNet.Providers.Podman;
using VagrantNet.Sdk.Plugins;

[assembly: VagrantPlugin(typeof(PodmanPlugin))]

namespace VagrantNet.Providers.Podman;

/// <summary>
/// Registers the podman provider, its exec communicator (containers have no sshd) and its bind-mount synced folders.
/// </summary>
public sealed class PodmanPlugin : IVagrantPlugin
{
    /// <summary>Above rsync and NFS: for a container a bind mount is the obvious way, and it is usable only there.</summary>
    public const int SyncedFolderPriority = 50;

    public void Register(IPluginRegistry registry)
    {
        registry.Provider<PodmanConfig>(machine => new PodmanProvider(machine), new ProviderOptions
        {
            // Below libvirt: a project that names no provider gets VMs, as Vagrant prefers a VM provider to docker.
            Priority = 3,
            Usable = WhyNotUsable,
            BoxOptional = true,
            DefaultCommunicator = PodmanCommunicator.Name,

            // A container on a private network joins the libvirt network a VM of the project brings up; machines come
            // up one after another in definition order, so a VM defined before the container has made it by then.
            Parallel = false,
        });
        registry.Communicator(PodmanCommunicator.Name, machine => new PodmanCommunicator(machine));
        registry.SyncedFolder(PodmanSyncedFolder.Type, SyncedFolderPriority, () => new PodmanSyncedFolder());
    }

    private static string? WhyNotUsable() =>
        PathLookup.Find("podman") is null ? "podman is not installed (on Debian: apt-get install podman runc)." : null;
}
