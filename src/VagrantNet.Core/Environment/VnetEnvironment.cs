using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using VagrantNet.Core.Configuration;
using VagrantNet.Core.Machines;
using VagrantNet.Core.Plugins;

namespace VagrantNet.Core.Environment;

/// <summary>
/// One command's view of the world: VNET_HOME, the loaded plugins, the project and its machines.
/// The composition root of the engine.
/// </summary>
public sealed class VnetEnvironment : IAsyncDisposable
{
    private readonly EnvironmentOptions _options;
    private readonly ConfigLoader _loader;
    private readonly List<Machine> _machines = [];

    private VnetEnvironment(EnvironmentOptions options, PluginRegistry registry, PluginManager plugins, VnetProject? project, IVagrantfileEvaluator evaluator)
    {
        _options = options;
        Registry = registry;
        Plugins = plugins;
        Project = project;
        _loader = new ConfigLoader(evaluator);
        Host = new VnetHost(options.Paths, options.BoxResolver, options.DryRun, registry, options.LoggerFactory);
        Index = new MachineIndex(options.Paths.MachineIndex);
    }

    public PluginRegistry Registry { get; }

    public PluginManager Plugins { get; }

    public VnetProject? Project { get; }

    public VnetPaths Paths => _options.Paths;

    public IUserInterface Ui => _options.Ui;

    public VnetHost Host { get; }

    public MachineIndex Index { get; }

    public ILoggerFactory LoggerFactory => _options.LoggerFactory;

    public static async Task<VnetEnvironment> LoadAsync(EnvironmentOptions options, CancellationToken cancellation)
    {
        var (registry, plugins) = options.Plugins ?? LoadPlugins(options);

        var evaluator = options.CreateEvaluator([.. plugins.Loaded.Select(p => p.Assembly)]);
        VnetProject? project = null;
        var vagrantfile = options.RequireProject
            ? VagrantfileLocator.Require(options.WorkingDirectory)
            : VagrantfileLocator.Find(options.WorkingDirectory);
        if (vagrantfile is not null)
        {
            var loader = new ConfigLoader(evaluator);
            var config = await loader.LoadAsync(options.Paths.UserVagrantfile, vagrantfile, cancellation).ConfigureAwait(false);
            project = new VnetProject(vagrantfile, config);
            RequirePlugins(config, plugins);
        }

        return new VnetEnvironment(options, registry, plugins, project, evaluator);
    }

    /// <summary>Registers the built-in parts, then loads and registers every plugin: what <see cref="LoadAsync"/> starts with.</summary>
    public static LoadedPlugins LoadPlugins(EnvironmentOptions options)
    {
        var registry = new PluginRegistry { ReservedCommands = options.ReservedCommands };
        foreach (var builtin in options.BuiltinPlugins)
        {
            builtin.Register(registry);
        }

        var plugins = new PluginManager(options.LoggerFactory.CreateLogger("plugins"), cacheDirectory: options.Paths.PluginCache);
        plugins.LoadAll(options.PluginDirectories, registry);
        return new LoadedPlugins(registry, plugins);
    }

    /// <summary>
    /// Vagrant's <c>config.vagrant.plugins</c>: a project that names the plugins it needs stops here, before any
    /// machine is touched, when one is not installed, with the command that installs each.
    /// </summary>
    private static void RequirePlugins(ProjectConfig config, PluginManager plugins)
    {
        var missing = config.Layers.SelectMany(l => l.Config.Vnet.Plugins)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(name => !plugins.Loaded.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        if (missing.Count > 0)
        {
            throw new VnetException(
                $"This project needs {(missing.Count == 1 ? "a plugin that is" : "plugins that are")} not installed: {string.Join(", ", missing)}. Install {(missing.Count == 1 ? "it" : "them")} with:" +
                string.Concat(missing.Select(name => $"{System.Environment.NewLine}  vnet plugin install {name}")));
        }
    }

    public VnetProject RequireProject() =>
        Project ?? throw new VnetException($"A {VagrantfileLocator.FileName} is required to run this command. "
            + (VagrantfileLocator.RubyVagrantfileHint(_options.WorkingDirectory) ?? "Run `vnet init` to create one."));

    /// <summary>
    /// The machines a command names: all of them when none is named, a name, or a <c>/regex/</c> as Vagrant accepts.
    /// </summary>
    public IReadOnlyList<string> SelectMachines(IReadOnlyList<string> names, bool onlyAutostart = false)
    {
        var project = RequireProject();
        if (names.Count == 0)
        {
            return [.. project.Config.Machines.Where(m => !onlyAutostart || m.Autostart).Select(m => m.Name)];
        }

        var selected = new List<string>();
        foreach (var name in names)
        {
            if (name.Length > 2 && name.StartsWith('/') && name.EndsWith('/'))
            {
                var pattern = MachinePattern(name);
                var matches = project.Config.Machines.Where(m => pattern.IsMatch(m.Name)).Select(m => m.Name).ToList();
                if (matches.Count == 0)
                {
                    throw new VnetException($"No machine matches {name}. Defined machines: {string.Join(", ", project.Config.Machines.Select(m => m.Name))}.");
                }

                selected.AddRange(matches);
            }
            else if (project.Config.Find(name) is null)
            {
                throw new VnetException($"The machine with the name '{name}' was not found configured for this project. Defined machines: {string.Join(", ", project.Config.Machines.Select(m => m.Name))}.");
            }
            else
            {
                selected.Add(name);
            }
        }

        return [.. selected.Distinct()];
    }

    private static Regex MachinePattern(string name)
    {
        try
        {
            // Machine names are short; the timeout only stops a pathological pattern from hanging the command.
            return new Regex(name[1..^1], RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new VnetException($"The machine name pattern {name} is not a valid regular expression: {e.Message} Quote it for the shell, or name the machine without slashes.", e);
        }
    }

    /// <summary>The machine named <paramref name="name"/>, configured for its provider.</summary>
    public async Task<Machine> MachineAsync(string name, string? requestedProvider, CancellationToken cancellation)
    {
        var project = RequireProject();
        var existing = project.ExistingProvider(name);
        if (existing is not null && requestedProvider is not null && existing != requestedProvider)
        {
            throw new VnetException($"Machine '{name}' was created with the '{existing}' provider; destroy it before using '{requestedProvider}'.");
        }

        var provider = existing ?? requestedProvider ?? DefaultProvider(name);
        var registration = Registry.FindProvider(provider)
            ?? throw new VnetException($"The provider '{provider}' could not be found. Installed providers: {(Registry.Providers.Count == 0 ? "none" : string.Join(", ", Registry.Providers.Keys))}.");
        if (registration.Options.Usable?.Invoke() is { } why)
        {
            throw new VnetException($"The provider '{provider}' cannot be used on this host: {why}");
        }

        var builder = new MachineConfigBuilder(project.Config, Registry, _loader, _options.BoxLookup);
        var configuration = await builder.BuildAsync(name, provider, cancellation).ConfigureAwait(false);
        var machine = new Machine(configuration, registration, Registry, project, Ui.ForMachine(name), LoggerFactory.CreateLogger(name), Host, Index);
        _machines.Add(machine);
        return machine;
    }

    /// <summary>The finalized config of <paramref name="name"/>, validated but not thrown on: for <c>validate</c>.</summary>
    public async Task<MachineConfiguration> ConfigurationAsync(string name, string? provider, CancellationToken cancellation)
    {
        var project = RequireProject();
        var builder = new MachineConfigBuilder(project.Config, Registry, _loader, _options.BoxLookup);
        return await builder.BuildAsync(name, provider, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// The provider a machine uses or would use, or null when none is installed. With <paramref name="checkUsable"/>
    /// false the providers' host checks are skipped: enough to name the provider of a machine not yet created.
    /// </summary>
    public string? ProviderFor(string name, string? requested, bool checkUsable = true)
    {
        var existing = RequireProject().ExistingProvider(name);
        if (existing is not null || requested is not null)
        {
            return existing ?? requested;
        }

        return Registry.Providers.Count == 0 ? null : DefaultProvider(name, checkUsable);
    }

    /// <summary>
    /// The provider when none is named: VNET_DEFAULT_PROVIDER, else the first provider block of the machine
    /// whose plugin is installed, else the installed provider with the highest priority.
    /// </summary>
    private string DefaultProvider(string machine, bool checkUsable = true)
    {
        if (System.Environment.GetEnvironmentVariable("VNET_DEFAULT_PROVIDER") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        var project = RequireProject();
        var definition = project.Config.Find(machine)
            ?? throw new VnetException($"The machine '{machine}' is not defined in this project.");
        var merged = new MachineConfigBuilder(project.Config, Registry, _loader, _options.BoxLookup).MergeWithoutBox(definition);
        var named = merged.Vm.ProviderBlocks.Select(b => b.Name).FirstOrDefault(n => Registry.FindProvider(n) is not null);
        if (named is not null)
        {
            return named;
        }

        var best = Registry.Providers.Values
            .Where(p => !checkUsable || p.Options.Usable?.Invoke() is null)
            .OrderByDescending(p => p.Options.Priority)
            .FirstOrDefault();
        return best?.Name ?? throw new VnetException("No provider is installed. Install a provider plugin (libvirt ships with vnet) and try again.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var machine in _machines)
        {
            await machine.DisposeAsync().ConfigureAwait(false);
        }
    }
}
