namespace VagrantNet.Sdk.Machines;

/// <summary>
/// A machine's state as its provider reports it: an open-ended id (<c>running</c>, <c>shutoff</c>, ...),
/// a short text for tables and a long one that says what the user can do next.
/// </summary>
public sealed record MachineState(string Id, string ShortDescription, string LongDescription)
{
    public const string NotCreatedId = "not_created";

    public const string InterruptedId = "interrupted";

    public static MachineState NotCreated { get; } = new(
        NotCreatedId,
        "not created",
        "The environment has not yet been created. Run `vnet up` to create the environment.");

    /// <summary>A first <c>up</c> has not finished (it is still running, or it died half way) and has made no machine yet.</summary>
    public static MachineState Interrupted { get; } = new(
        InterruptedId,
        "interrupted",
        "A `vnet up` of this machine has not finished: it is still running, or it was stopped. Run `vnet up` to finish the machine, or `vnet destroy` to remove what it made.");

    /// <summary>Whether the provider holds anything of the machine (an interrupted creation counts: destroy has work to do).</summary>
    public bool IsCreated => Id != NotCreatedId;
}

/// <summary>State file names the engine itself reads, beside Vagrant's <c>id</c>, <c>index_uuid</c> and the rest.</summary>
public static class MachineStateFiles
{
    /// <summary>
    /// A provider's intent log of a creation under way. While it exists the engine asks the provider for the state
    /// even though the machine has no id, so that a creation killed before it recorded one is still found and undone.
    /// </summary>
    public const string CreationJournal = "creation_journal";
}
