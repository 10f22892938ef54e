using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.Plugins;

/// <summary>Everything registered by built-in parts and plugins.</summary>
public sealed class PluginRegistry : IPluginRegistry
{
    private readonly Dictionary<string, ProviderRegistration> _providers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<IMachine, ICommunicator>> _communicators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<IProvisioner>> _provisioners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SyncedFolderRegistration> _syncedFolders = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Guest, GuestCapability Capability), Delegate> _guestCapabilities = [];
    private readonly Dictionary<string, GuestRegistration> _guests = new(StringComparer.Ordinal);
    private readonly List<(string Action, Action<ActionBuilder> Hook)> _hooks = [];

    /// <summary>The plugin currently registering, for error messages.</summary>
    internal string CurrentPlugin { get; set; } = "vnet";

    public IReadOnlyDictionary<string, ProviderRegistration> Providers => _providers;

    public IReadOnlyDictionary<string, Func<IMachine, ICommunicator>> Communicators => _communicators;

    public IReadOnlyDictionary<string, Func<IProvisioner>> Provisioners => _provisioners;

    public IReadOnlyDictionary<string, SyncedFolderRegistration> SyncedFolders => _syncedFolders;

    public IReadOnlyDictionary<string, GuestRegistration> Guests => _guests;

    public void Provider<TConfig>(Func<IMachine, IProvider> factory, ProviderOptions? options = null)
        where TConfig : ProviderConfig, new()
    {
        var name = ProviderConfig.NameOf(typeof(TConfig));
        if (_providers.TryGetValue(name, out var existing))
        {
            throw new PluginLoadException($"Plugin {CurrentPlugin} registers provider '{name}', which {existing.Plugin} already registered.");
        }

        _providers[name] = new ProviderRegistration(name, typeof(TConfig), () => new TConfig(), factory, options ?? new ProviderOptions(), CurrentPlugin);
    }

    public void Communicator(string name, Func<IMachine, ICommunicator> factory) => _communicators[name] = factory;

    public void Provisioner(string type, Func<IProvisioner> factory) => _provisioners[type] = factory;

    public void SyncedFolder(string type, int priority, Func<ISyncedFolder> factory) =>
        _syncedFolders[type] = new SyncedFolderRegistration(type, priority, factory);

    public void GuestCapability<TArgs, TResult>(string guest, GuestCapability<TArgs, TResult> capability, GuestCapabilityHandler<TArgs, TResult> implementation) =>
        _guestCapabilities[(guest, capability)] = implementation;

    public void Guest(string name, string? parent, string detectCommand) =>
        _guests[name] = new GuestRegistration(name, parent, detectCommand);

    public void ActionHook(string action, Action<ActionBuilder> hook) => _hooks.Add((action, hook));

    /// <summary>Finds a capability for <paramref name="guest"/>, walking up its parent families.</summary>
    public GuestCapabilityHandler<TArgs, TResult>? FindGuestCapability<TArgs, TResult>(string guest, GuestCapability<TArgs, TResult> capability) =>
        (GuestCapabilityHandler<TArgs, TResult>?)FindGuestCapability(guest, (GuestCapability)capability);

    /// <summary>Finds a capability's implementation for <paramref name="guest"/>, walking up its parent families.</summary>
    public Delegate? FindGuestCapability(string guest, GuestCapability capability)
    {
        for (var family = guest; family is not null; family = _guests.GetValueOrDefault(family)?.Parent)
        {
            if (_guestCapabilities.TryGetValue((family, capability), out var implementation))
            {
                return implementation;
            }
        }

        return null;
    }

    /// <summary>Applies the hooks registered for <paramref name="action"/> (and for every action).</summary>
    public void ApplyHooks(string action, ActionBuilder builder)
    {
        foreach (var (name, hook) in _hooks)
        {
            if (name == action || name == "*")
            {
                hook(builder);
            }
        }
    }

    /// <summary>The provider config type for a name, or null when no plugin provides it.</summary>
    public ProviderRegistration? FindProvider(string name) => _providers.GetValueOrDefault(name);
}

public sealed record ProviderRegistration(
    string Name,
    Type ConfigType,
    Func<ProviderConfig> CreateConfig,
    Func<IMachine, IProvider> Factory,
    ProviderOptions Options,
    string Plugin);

public sealed record SyncedFolderRegistration(string Type, int Priority, Func<ISyncedFolder> Factory);

public sealed record GuestRegistration(string Name, string? Parent, string DetectCommand);
