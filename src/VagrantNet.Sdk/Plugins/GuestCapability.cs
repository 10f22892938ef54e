using VagrantNet.Sdk.Machines;

namespace VagrantNet.Sdk.Plugins;

/// <summary>A guest capability's identity; compared by reference (as <see cref="Pipeline.ActionKey{T}"/>), so declare each once as a static.</summary>
public abstract class GuestCapability(string name)
{
    /// <summary>Vagrant's name for the capability (<c>change_host_name</c>, ...), used in messages.</summary>
    public string Name { get; } = name;

    public override string ToString() => Name;
}

/// <summary>A capability that takes <typeparamref name="TArgs"/> and answers <typeparamref name="TResult"/>: call sites and implementations cannot disagree on either.</summary>
public sealed class GuestCapability<TArgs, TResult>(string name) : GuestCapability(name);

/// <summary>How a guest family implements a capability, against the machine's communicator.</summary>
public delegate Task<TResult> GuestCapabilityHandler<in TArgs, TResult>(IMachine machine, TArgs args, CancellationToken cancellation);

/// <summary>The argument of a capability that takes none, or the result of one that answers nothing.</summary>
public readonly record struct Unit;
