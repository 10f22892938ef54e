using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Sdk.Actions;

/// <summary>What <c>vnet snapshot</c> hands the provider's snapshot actions, and what <c>snapshot_list</c> answers.</summary>
public static class SnapshotKeys
{
    public static readonly ActionKey<string> Name = new("snapshot_name");

    public static readonly ActionKey<IReadOnlyList<SnapshotInfo>> List = new("snapshot_list");

    /// <summary>
    /// False with <c>snapshot restore --no-start</c> / <c>pop --no-start</c>: the restore leaves the guest stopped (a provider
    /// that cannot must refuse, not start it); unset means start, as Vagrant's default.
    /// </summary>
    public static readonly ActionKey<bool> Start = new("snapshot_start");
}

/// <summary>One snapshot of a machine.</summary>
public sealed record SnapshotInfo(string Name, DateTimeOffset CreatedAt, string State);
