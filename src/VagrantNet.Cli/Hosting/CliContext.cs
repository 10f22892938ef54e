using System.CommandLine;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using VagrantNet.Cli.Ui;
using VagrantNet.Core;
using VagrantNet.Core.Actions;
using VagrantNet.Core.Boxes;
using VagrantNet.Core.Environment;
using VagrantNet.Core.Plugins;
using VagrantNet.Scripting;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Cli.Hosting;

/// <summary>What a command needs from the process: the UI, logging, interrupts and a way to load the environment.</summary>
internal sealed class CliContext : IDisposable
{
    private ILoggerFactory? _loggerFactory;
    private ConsoleUi? _ui;
    private LoadedPlugins? _plugins;
    private readonly (string? Directory, string? Error) _workingDirectory;

    public CliContext(string workingDirectory, InterruptSource interrupts, IReadOnlyList<IVagrantPlugin> builtins, BoxAddSettings? boxSettings = null)
    {
        BoxSettings = boxSettings ?? new BoxAddSettings();
        _workingDirectory = ProjectDirectories.WorkingDirectory(workingDirectory);
        Interrupts = interrupts;
        Builtins = builtins;
        Paths = VnetPaths.FromEnvironment();
    }

    /// <summary>
    /// Where the Vagrantfile.csx search starts and <c>init</c> writes: <c>VNET_CWD</c> (relative to the process's directory)
    /// when set, as Vagrant's <c>VAGRANT_CWD</c>; a VNET_CWD that is not a directory fails the command that needs it.
    /// </summary>
    public string WorkingDirectory => _workingDirectory.Directory ?? throw new VnetException(_workingDirectory.Error!);

    /// <summary>The working directory for messages: never throws.</summary>
    public string WorkingDirectoryForMessages => _workingDirectory.Directory ?? System.Environment.CurrentDirectory;

    public InterruptSource Interrupts { get; }

    public IReadOnlyList<IVagrantPlugin> Builtins { get; }

    public VnetPaths Paths { get; }

    /// <summary>Download retries, timeouts and disk limits of the box store; tests shorten and shrink them.</summary>
    public BoxAddSettings BoxSettings { get; }

    public bool Debug { get; private set; }

    public ConsoleUi Ui => _ui ?? throw new InvalidOperationException("Configure was not called");

    public ILoggerFactory LoggerFactory => _loggerFactory ?? throw new InvalidOperationException("Configure was not called");

    /// <summary>The logger factory once <see cref="Configure"/> ran (an error can come before that).</summary>
    public ILoggerFactory? LoggerFactoryOrNull => _loggerFactory;

    /// <summary>The plugins bundled with vnet: <c>plugins/</c> beside the vnet binary.</summary>
    public static string BundledPluginDirectory => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>Where plugins are found: the bundled ones, then <c>$VNET_HOME/plugins</c>.</summary>
    public IReadOnlyList<string> PluginDirectories => [BundledPluginDirectory, Paths.Plugins];

    /// <summary>The built-in commands' names, which no plugin command may take.</summary>
    public IReadOnlySet<string> BuiltinCommandNames { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Loads the plugins once, for their commands; the environment a command loads later reuses them.</summary>
    public LoadedPlugins LoadPlugins()
    {
        RequireUsableHome();
        return _plugins ??= VnetEnvironment.LoadPlugins(Options(requireProject: false, dryRun: false));
    }

    /// <summary>Applies the global options of the parsed command line.</summary>
    public void Configure(ParseResult parse)
    {
        Debug = parse.GetValue(GlobalOptions.Debug);
        _loggerFactory?.Dispose();
        _loggerFactory = Logging.Create(Debug);
        var interactive = !Console.IsOutputRedirected && !parse.GetValue(GlobalOptions.NoColor);
        var output = Console.Out;
        _ui = new ConsoleUi(output, () => AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        }), parse.GetValue(GlobalOptions.MachineReadable), interactive);
    }

    /// <summary>Loads plugins (unless <see cref="LoadPlugins"/> did) and the project's Vagrantfile.csx.</summary>
    public Task<VnetEnvironment> LoadEnvironmentAsync(bool requireProject = true, bool dryRun = false) =>
        LoadEnvironmentInAsync(WorkingDirectory, requireProject, dryRun);

    /// <summary>As <see cref="LoadEnvironmentAsync"/>, for the project found from another directory (a <c>--all-global</c> command's).</summary>
    public Task<VnetEnvironment> LoadEnvironmentInAsync(string workingDirectory, bool requireProject = true, bool dryRun = false)
    {
        var logger = LoggerFactory.CreateLogger("vnet");
        var options = Options(requireProject, dryRun) with { WorkingDirectory = workingDirectory };
        logger.LogDebug("VNET_HOME is {Home}", Paths.Home);
        RequireUsableHome();
        return VnetEnvironment.LoadAsync(options, Interrupts.Cancellation);
    }

    /// <summary>The box store, told which provider settings the installed plugins have (for a box's Ruby Vagrantfile).</summary>
    public BoxCollection Boxes(ILogger logger) =>
        new(Paths, BoxSettings, logger) { KnownProviderSetting = (provider, setting) => LoadPlugins().Registry.HasProviderSetting(provider, setting) };

    private EnvironmentOptions Options(bool requireProject, bool dryRun)
    {
        var boxLogger = LoggerFactory.CreateLogger("boxes");
        var boxes = Boxes(boxLogger);
        return new EnvironmentOptions
        {
            WorkingDirectory = WorkingDirectory,
            Paths = Paths,
            Ui = Ui,
            LoggerFactory = LoggerFactory,
            CreateEvaluator = plugins => new ScriptEvaluator(
                new CompiledScriptCache(Paths.ScriptCache),
                new ScriptReferences(plugins),
                LoggerFactory.CreateLogger("scripting"),
                Paths.JitProfiles),
            PluginDirectories = PluginDirectories,
            BuiltinPlugins = Builtins,
            ReservedCommands = BuiltinCommandNames,
            Plugins = _plugins,
            RequireProject = requireProject,
            DryRun = dryRun,
            BoxLookup = boxes,
            BoxResolver = new MachineBoxResolver(boxes, boxLogger),
        };
    }

    /// <summary>Refuses a VNET_HOME that cannot be a directory, before some write deep inside fails on it.</summary>
    public void RequireUsableHome()
    {
        const string Fix = "Set VNET_HOME to a directory vnet can write to, or unset it to use $XDG_DATA_HOME/vnet (~/.local/share/vnet).";
        if (File.Exists(Paths.Home))
        {
            throw new VnetException($"VNET_HOME is {Paths.Home}, which is a file; vnet keeps its boxes, plugins and caches in a directory there. {Fix}");
        }

        try
        {
            Directory.CreateDirectory(Paths.Home);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VnetException($"VNET_HOME is {Paths.Home}, and vnet cannot create that directory: {e.Message} {Fix}", e);
        }
    }

    public void Dispose()
    {
        _ui?.Dispose();
        _loggerFactory?.Dispose();
    }
}
