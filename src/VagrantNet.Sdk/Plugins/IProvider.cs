using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Sdk.Plugins;

/// <summary>Well-known pipeline names a provider answers in <see cref="IProvider.Action"/>.</summary>
public static class ActionNamesWellKnown
{
    public const string Up = "up";
    public const string Halt = "halt";
    public const string Suspend = "suspend";
    public const string Resume = "resume";
    public const string Reload = "reload";
    public const string Destroy = "destroy";
    public const string Provision = "provision";

    /// <summary>Takes a snapshot named by <see cref="Actions.SnapshotKeys.Name"/>.</summary>
    public const string SnapshotSave = "snapshot_save";

    /// <summary>Returns the machine to the snapshot named by <see cref="Actions.SnapshotKeys.Name"/>, running.</summary>
    public const string SnapshotRestore = "snapshot_restore";

    public const string SnapshotDelete = "snapshot_delete";

    /// <summary>Sets <see cref="Actions.SnapshotKeys.List"/> to the machine's snapshots, oldest first.</summary>
    public const string SnapshotList = "snapshot_list";

    /// <summary>
    /// Halts the machine and writes its box files (disk images, metadata.json) into <see cref="Actions.PackageKeys.Directory"/>;
    /// <c>vnet package</c> makes the box of them. A provider that cannot package answers null for it.
    /// </summary>
    public const string Package = "package";
}

/// <summary>A provider: builds pipelines for actions and reports the machine's state.</summary>
public interface IProvider
{
    /// <summary>The pipeline for <paramref name="name"/>, or null when this provider cannot do it.</summary>
    ActionBuilder? Action(string name);

    /// <summary>Live state; must be cheap (no IP lookup).</summary>
    Task<MachineState> StateAsync(CancellationToken cancellation);

    /// <summary>How to reach the machine, or null while it is unreachable.</summary>
    Task<SshInfo?> SshInfoAsync(CancellationToken cancellation);
}
