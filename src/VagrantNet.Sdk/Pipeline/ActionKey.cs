namespace VagrantNet.Sdk.Pipeline;

/// <summary>A typed key into <see cref="ActionContext"/>; compare by reference, so declare each once as a static.</summary>
public sealed class ActionKey<T>(string name)
{
    public string Name { get; } = name;

    public override string ToString() => Name;
}
