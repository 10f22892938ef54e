using VagrantNet.Core.Communication;
using VagrantNet.Core.Guests;
using VagrantNet.Core.Provisioners;
using VagrantNet.Core.SyncedFolders;
using VagrantNet.Core.SyncedFolders.Nfs;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.Plugins;

/// <summary>vnet's own parts, registered through the same API a third-party plugin uses: the SSH communicator, Linux guests, the shell and file provisioners, rsync and NFS folders.</summary>
public sealed class CorePlugin : IVagrantPlugin
{
    public void Register(IPluginRegistry registry)
    {
        registry.Communicator("ssh", machine => new SshCommunicator(machine));
        LinuxGuests.Register(registry);
        registry.Provisioner("shell", () => new ShellProvisioner());
        registry.Provisioner("file", () => new FileProvisioner());
        registry.SyncedFolder(RsyncSyncedFolder.Type, RsyncSyncedFolder.Priority, () => new RsyncSyncedFolder());
        registry.SyncedFolder(NfsSyncedFolder.Type, NfsSyncedFolder.Priority, () => new NfsSyncedFolder());
    }
}
