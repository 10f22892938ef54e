namespace VagrantNet.Sdk.Machines;

/// <summary>
/// A machine's state as its provider reports it: an open-ended id (<c>running</c>, <c>shutoff</c>, ...),
/// a short text for tables and a long one that says what the user can do next.
/// </summary>
public sealed record MachineState(string Id, string ShortDescription, string LongDescription)
{
    public const string NotCreatedId = "not_created";

    public static MachineState NotCreated { get; } = new(
        NotCreatedId,
        "not created",
        "The environment has not yet been created. Run `vnet up` to create the environment.");

    public bool IsCreated => Id != NotCreatedId;
}
