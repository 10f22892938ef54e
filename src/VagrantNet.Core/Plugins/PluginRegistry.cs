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
    private readonly Dictionary<string, CommandRegistration> _commands = new(StringComparer.Ordinal);

    /// <summary>The plugin currently registering, for error messages.</summary>
    internal string CurrentPlugin { get; set; } = "vnet";

    public IReadOnlyDictionary<string, ProviderRegistration> Providers => _providers;

    public IReadOnlyDictionary<string, Func<IMachine, ICommunicator>> Communicators => _communicators;

    public IReadOnlyDictionary<string, Func<IProvisioner>> Provisioners => _provisioners;

    public IReadOnlyDictionary<string, SyncedFolderRegistration> SyncedFolders => _syncedFolders;

    public IReadOnlyDictionary<string, GuestRegistration> Guests => _guests;

    /// <summary>The commands plugins added, by name.</summary>
    public IReadOnlyDictionary<string, CommandRegistration> Commands => _commands;

    /// <summary>The host's own command names (the CLI's built-ins): a plugin command with one of them is refused.</summary>
    public IReadOnlySet<string> ReservedCommands { get; init; } = new HashSet<string>(StringComparer.Ordinal);

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

    public void Command(string name, string description, CommandHandler handler, params IReadOnlyList<CommandArgument> arguments)
    {
        if (!CommandNames.IsValid(name))
        {
            throw new PluginLoadException($"Plugin {CurrentPlugin} registers a command named '{name}'; a command name is lower-case letters, digits and '-', starting with a letter.");
        }

        if (ReservedCommands.Contains(name))
        {
            throw new PluginLoadException($"Plugin {CurrentPlugin} registers the command '{name}', which is a vnet command; rename the plugin's command, or uninstall the plugin (vnet plugin uninstall {CurrentPlugin}).");
        }

        if (_commands.TryGetValue(name, out var existing))
        {
            throw new PluginLoadException($"Plugin {CurrentPlugin} registers the command '{name}', which plugin {existing.Plugin} already registered; uninstall one of them.");
        }

        var duplicate = arguments.GroupBy(a => a.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new PluginLoadException($"Plugin {CurrentPlugin}: command '{name}' declares the argument '{duplicate.Key}' twice.");
        }

        var firstOptional = arguments.ToList().FindIndex(a => a.Optional);
        if (firstOptional >= 0 && arguments.Skip(firstOptional).FirstOrDefault(a => !a.Optional) is { } required)
        {
            throw new PluginLoadException($"Plugin {CurrentPlugin}: command '{name}' declares the required argument '{required.Name}' after the optional '{arguments[firstOptional].Name}', which could never be told apart on a command line.");
        }

        _commands[name] = new CommandRegistration(name, description, arguments, handler, CurrentPlugin);
    }

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

    /// <summary>Whether the provider has the setting; true when no installed plugin provides it, since then none can tell.</summary>
    public bool HasProviderSetting(string provider, string setting) =>
        FindProvider(provider) is not { } registration || registration.CreateConfig().HasSetting(setting);
}

public sealed record ProviderRegistration(
    string Name,
    Type ConfigType,
    Func<ProviderConfig> CreateConfig,
    Func<IMachine, IProvider> Factory,
    ProviderOptions Options,
    string Plugin);

/// <summary>A plugin's <c>vnet</c> command.</summary>
public sealed record CommandRegistration(string Name, string Description, IReadOnlyList<CommandArgument> Arguments, CommandHandler Handler, string Plugin);

public sealed record SyncedFolderRegistration(string Type, int Priority, Func<ISyncedFolder> Factory);

public sealed record GuestRegistration(string Name, string? Parent, string DetectCommand);
