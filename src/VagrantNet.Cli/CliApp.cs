using System.CommandLine;
using System.CommandLine.Completions;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using VagrantNet.Cli.Commands;
using VagrantNet.Cli.Completion;
using VagrantNet.Cli.Hosting;
using VagrantNet.Cli.Ui;
using VagrantNet.Core.Actions;
using VagrantNet.Core.Boxes;
using VagrantNet.Core.Configuration;
using VagrantNet.Core.Plugins;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Cli;

/// <summary>Builds the <c>vnet</c> command tree and runs one command line: exit 0 on success, 1 on a user error.</summary>
internal sealed class CliApp
{
    private readonly CliContext _context;

    public CliApp(string workingDirectory, InterruptSource interrupts, IReadOnlyList<IVagrantPlugin>? builtins = null, BoxAddSettings? boxSettings = null)
    {
        _context = new CliContext(workingDirectory, interrupts, builtins ?? BuiltinPlugins.All, boxSettings);
        _context.BuiltinCommandNames = Commands().Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The command tree. Given the command line, only the command it invokes is built (when its first word names
    /// one): building all of them cost about 8 ms of every start. Help, typos and the root's own options get all.
    /// </summary>
    public RootCommand BuildRoot(IReadOnlyList<string>? args = null) => BuildRoot(args, out _);

    private RootCommand BuildRoot(IReadOnlyList<string>? args, out bool builtAll)
    {
        var root = new RootCommand("vnet: Vagrant's workflow with a C# Vagrantfile.csx")
        {
            GlobalOptions.Debug,
            GlobalOptions.MachineReadable,
            GlobalOptions.NoColor,
        };
        var commands = Commands().ToList();
        var word = args?.FirstOrDefault(a => !a.StartsWith('-'));
        var invoked = commands.Find(c => c.Name == word);
        builtAll = invoked is null;
        foreach (var command in invoked is null ? commands : [invoked])
        {
            root.Add(command.Build());
        }

        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new VersionAction();
        }

        foreach (var suggest in root.Directives.OfType<SuggestDirective>())
        {
            suggest.Action = new SuggestAction(suggest);
        }

        return root;
    }

    private IEnumerable<ICliCommand> Commands() =>
    [
        new InitCommand(_context),
        new EditorCommand(_context),
        new ValidateCommand(_context),
        new ConfigCommand(_context),
        new StatusCommand(_context),
        new UpCommand(_context),
        new HaltCommand(_context),
        new SuspendCommand(_context),
        new ResumeCommand(_context),
        new ReloadCommand(_context),
        new ProvisionCommand(_context),
        new DestroyCommand(_context),
        new SshCommand(_context),
        new SshConfigCommand(_context),
        new PortCommand(_context),
        new SnapshotCommand(_context),
        new PackageCommand(_context),
        new GlobalStatusCommand(_context),
        new RsyncCommand(_context),
        new RsyncAutoCommand(_context),
        new BoxCommand(_context),
        new PluginCommand(_context),
        new CompletionCommand(_context),
    ];

    public async Task<int> RunAsync(string[] args)
    {
        // Errors are escaped wherever they come from (ours, or the parser echoing a token); stdout failures are user errors.
        var previousOut = Console.Out;
        var errors = new EscapingWriter(Console.Error);
        Console.SetOut(new GuardedOutput(previousOut));
        try
        {
            var root = BuildRoot(args, out var builtAll);
            var parse = root.Parse(args);
            _context.Configure(parse);
            if (builtAll && AddPluginCommands(root, errors))
            {
                // The first parse, without plugins, could not know their words; it configured the UI and logging.
                parse = root.Parse(args);
            }

            if (CommandLineCheck.Refusal(parse) is { } refusal)
            {
                await errors.WriteLineAsync(refusal).ConfigureAwait(false);
                return 1;
            }

            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null, Error = errors }, _context.Interrupts.Cancellation).ConfigureAwait(false);
        }
        catch (VagrantNet.Core.Triggers.TriggerAbortException e)
        {
            // The trigger said so; its warning is printed already.
            return e.ExitCode;
        }
        catch (VagrantNet.Sdk.VnetError e)
        {
            _context.LoggerFactoryOrNull?.CreateLogger("vnet").LogDebug(e, "Command failed");
            await errors.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException) when (_context.Interrupts.Cancellation.IsCancellationRequested)
        {
            await errors.WriteLineAsync("Interrupted; vnet stopped after cleaning up what the interrupted command had started.").ConfigureAwait(false);
            return 130;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file vnet needs could not be read or written: the system's sentence names the path; say where it belongs.
            _context.LoggerFactoryOrNull?.CreateLogger("vnet").LogDebug(e, "File access failed");
            await errors.WriteLineAsync(FileAccessMessage(e)).ConfigureAwait(false);
            return 1;
        }
        catch (Exception e)
        {
            // A bug, not a user error: say so, and keep the stack trace for --debug.
            _context.LoggerFactoryOrNull?.CreateLogger("vnet").LogDebug(e, "Unexpected error");
            await errors.WriteLineAsync($"vnet hit an unexpected error: {e.GetType().Name}: {e.Message}{Environment.NewLine}Run the command again with --debug for the stack trace, and please report it.").ConfigureAwait(false);
            if (_context.Debug)
            {
                await errors.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return 1;
        }
        finally
        {
            try
            {
                LogLoadedCompiler();
            }
            finally
            {
                _context.Dispose();
                Console.SetOut(previousOut);
            }
        }
    }

    /// <summary>
    /// Adds the plugins' commands to a root built whole (help, completion, or a word that is no built-in command: a
    /// command of vnet's own never pays for loading plugins here). A plugin that cannot load is reported and its
    /// commands are missing; vnet's own commands and help still work.
    /// </summary>
    private bool AddPluginCommands(RootCommand root, TextWriter errors)
    {
        LoadedPlugins plugins;
        try
        {
            plugins = _context.LoadPlugins();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever a plugin throws while it registers (a refusal, or a plugin built against a newer SDK), help must still work.
            _context.LoggerFactoryOrNull?.CreateLogger("vnet").LogDebug(e, "Plugin commands not loaded");
            errors.WriteLine($"Plugin commands are not available: {(e is VagrantNet.Sdk.VnetError ? e.Message : $"{e.GetType().Name}: {e.Message}")}");
            return false;
        }

        foreach (var registration in plugins.Registry.Commands.Values)
        {
            root.Add(new ContributedCommand(_context, registration).Build());
        }

        return plugins.Registry.Commands.Count > 0;
    }

    private string FileAccessMessage(Exception e)
    {
        var home = _context.Paths.Home;
        var where = e.Message.Contains(home, StringComparison.Ordinal)
            ? $"That path is under VNET_HOME ({home}), which must be a directory vnet can write to; fix its permissions or set VNET_HOME to another directory."
            : $"Check that the path exists and that vnet may write there (this command writes under the project directory, {_context.WorkingDirectoryForMessages}, and VNET_HOME, {home}).";
        return $"vnet could not access a file it needs: {e.Message} {where}";
    }

    /// <summary>At debug level, says whether this run loaded Roslyn: a compiled-script cache hit must not.</summary>
    private void LogLoadedCompiler()
    {
        var logger = _context.LoggerFactoryOrNull?.CreateLogger("vnet");
        if (logger is not null && logger.IsEnabled(LogLevel.Debug))
        {
            var roslyn = AppDomain.CurrentDomain.GetAssemblies()
                .Select(a => a.GetName().Name)
                .Where(n => n?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true)
                .ToList();
            logger.LogDebug("Exiting; Microsoft.CodeAnalysis loaded: {RoslynLoaded} ({Assemblies})", roslyn.Count > 0, roslyn.Count > 0 ? string.Join(", ", roslyn) : "none");
        }
    }

    public static async Task<int> Main(string[] args)
    {
        using var interrupts = new InterruptSource();
        var terminated = false;

        // SIGINT and SIGTERM alike (so `timeout` and service managers can stop vnet). During script evaluation, which
        // has no side effects, the first one ends vnet at once; otherwise the first cancels and lets recovery run, the
        // second stops recovery too, the third exits at once.
        void OnSignal(PosixSignalContext signal)
        {
            var code = signal.Signal == PosixSignal.SIGTERM ? 143 : 130;
            terminated |= signal.Signal == PosixSignal.SIGTERM;
            if (ScriptEvaluation.ExitIfActive(code))
            {
                return;
            }

            signal.Cancel = interrupts.Interrupt() < 3;
            if (signal.Cancel)
            {
                Console.Error.WriteLine(interrupts.Abort.IsCancellationRequested
                    ? "==> Interrupted again: stopping cleanup. Press Ctrl+C once more to exit at once."
                    : "==> Interrupt received. Cleaning up... (press Ctrl+C again to skip the cleanup)");
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        var exitCode = await new CliApp(Environment.CurrentDirectory, interrupts).RunAsync(args).ConfigureAwait(false);
        return exitCode == 130 && terminated ? 143 : exitCode;
    }
}
