namespace VagrantNet.Sdk.Plugins;

/// <summary>
/// A positional argument of a plugin's command, shown in its <c>--help</c>. Required unless <see cref="Optional"/>; the
/// handler reads the value by <see cref="Name"/> from <see cref="ICommandContext.Arguments"/>.
/// </summary>
public sealed record CommandArgument(string Name, string Description)
{
    /// <summary>Whether the command runs without it (its value is then null).</summary>
    public bool Optional { get; init; }
}
