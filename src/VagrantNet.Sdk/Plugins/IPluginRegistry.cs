using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Sdk.Plugins;

/// <summary>What a plugin can contribute. Built-in parts register through it too.</summary>
public interface IPluginRegistry
{
    /// <summary>A provider and its typed config (the config class carries <see cref="ProviderNameAttribute"/>).</summary>
    void Provider<TConfig>(Func<IMachine, IProvider> factory, ProviderOptions? options = null)
        where TConfig : ProviderConfig, new();

    void Communicator(string name, Func<IMachine, ICommunicator> factory);

    void Provisioner(string type, Func<IProvisioner> factory);

    void SyncedFolder(string type, int priority, Func<ISyncedFolder> factory);

    /// <summary>Implements <paramref name="capability"/> for a guest family (<c>linux</c>, <c>debian</c>, ...).</summary>
    void GuestCapability<TArgs, TResult>(string guest, GuestCapability<TArgs, TResult> capability, GuestCapabilityHandler<TArgs, TResult> implementation);

    /// <summary>A guest family and how to detect it; <paramref name="parent"/> lets a family inherit capabilities.</summary>
    void Guest(string name, string? parent, string detectCommand);

    /// <summary>Changes every pipeline named <paramref name="action"/> (or every pipeline, for <c>*</c>) before it runs.</summary>
    void ActionHook(string action, Action<ActionBuilder> hook);

    /// <summary>
    /// A <c>vnet</c> command (Vagrant's <c>command</c> plugins): <c>vnet NAME ARGS...</c> runs <paramref name="handler"/>, and
    /// <c>vnet --help</c> lists it with <paramref name="description"/>. A name vnet or another plugin already has is refused.
    /// </summary>
    void Command(string name, string description, CommandHandler handler, params IReadOnlyList<CommandArgument> arguments);
}

public sealed record ProviderOptions
{
    /// <summary>Higher wins when the user names no provider.</summary>
    public int Priority { get; init; } = 5;

    /// <summary>Whether this host can run the provider; returns null when it can, else the reason.</summary>
    public Func<string?>? Usable { get; init; }

    /// <summary>Whether several machines of this provider may come up at once.</summary>
    public bool Parallel { get; init; } = true;

    /// <summary>Whether a box is needed (false for providers such as docker).</summary>
    public bool BoxOptional { get; init; }

    /// <summary>
    /// The communicator this provider's machines use when <c>vm.communicator</c> is unset (a container provider names its
    /// exec-based one); null means <c>ssh</c>.
    /// </summary>
    public string? DefaultCommunicator { get; init; }

    /// <summary>
    /// Called by <c>vnet box remove</c> before it deletes a box of this provider: removes what the provider made from the
    /// box outside the box store (libvirt's image volume in a storage pool). Null when the provider keeps nothing.
    /// </summary>
    public Func<BoxRemoval, CancellationToken, Task>? RemoveBoxArtifacts { get; init; }
}

/// <summary>A box that <c>vnet box remove</c> is deleting, for <see cref="ProviderOptions.RemoveBoxArtifacts"/>.</summary>
/// <param name="Box">The installed box, its directory still present.</param>
/// <param name="Home">VNET_HOME, where providers keep their records.</param>
/// <param name="InUse">Whether machines still use the box (the user forced the removal): their disks may still need the artifacts.</param>
/// <param name="Ui">Where to tell the user what was removed or kept.</param>
public sealed record BoxRemoval(BoxInfo Box, string Home, bool InUse, IMachineUi Ui);
