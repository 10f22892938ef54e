using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;
using VagrantNet.Core;

namespace VagrantNet.Cli.Hosting;

/// <summary>
/// Logs go to stderr through Serilog, at the level of <c>VNET_LOG</c> (debug, info, warn, error) or <c>--debug</c>,
/// and also to the file <c>VNET_LOG_FILE</c> names (at debug when no level is set, so a log for a bug report needs
/// only the file).
/// </summary>
internal static class Logging
{
    private const string ConsoleTemplate = "{Timestamp:HH:mm:ss.fff} {Level:u4} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    // A file outlives the run: full dates, and the process, since several commands may append to one file.
    private const string FileTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{ProcessId}] {Level:u4} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static ILoggerFactory Create(bool debug)
    {
        // VNET_LOG is checked even under --debug: a mistyped level is an error wherever it is set.
        var level = Parse(Environment.GetEnvironmentVariable("VNET_LOG"));
        var console = debug ? LogLevel.Debug : level;
        var file = Environment.GetEnvironmentVariable("VNET_LOG_FILE") is { Length: > 0 } path ? RequireWritable(path) : null;

        // With logging off, Serilog is never loaded: its start-up cost would be paid by every command.
        return console == LogLevel.None && file is null ? NullLoggerFactory.Instance : CreateSerilog(console, file);
    }

    // Out of line so that only a run that logs touches Serilog's types.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ILoggerFactory CreateSerilog(LogLevel console, string? file)
    {
        var fileLevel = console == LogLevel.None ? LogLevel.Debug : console;
        var configuration = new LoggerConfiguration().MinimumLevel.Is(EventLevel(file is null ? console : fileLevel));
        if (console != LogLevel.None)
        {
            configuration.WriteTo.Console(outputTemplate: ConsoleTemplate, standardErrorFromLevel: LogEventLevel.Verbose, restrictedToMinimumLevel: EventLevel(console));
        }

        if (file is not null)
        {
            // Shared: two vnet commands may log to the same file at once.
            configuration.WriteTo.File(file, outputTemplate: FileTemplate, shared: true, restrictedToMinimumLevel: EventLevel(fileLevel));
        }

        return new SerilogLoggerFactory(configuration.Enrich.WithProperty("ProcessId", Environment.ProcessId).CreateLogger(), dispose: true);
    }

    private static LogEventLevel EventLevel(LogLevel level) => level switch
    {
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Warning => LogEventLevel.Warning,
        _ => LogEventLevel.Error,
    };

    private static LogLevel Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => LogLevel.None,
        "debug" or "trace" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => throw new VnetException($"VNET_LOG is '{value}', which is not a log level. Set it to one of debug, info, warn, error, or unset it to log nothing."),
    };

    /// <summary>
    /// Opens the log file once before logging starts: Serilog's file sink would drop its errors silently, and a
    /// user who asked for a log file must not find it empty after the command.
    /// </summary>
    private static string RequireWritable(string path)
    {
        try
        {
            using var _ = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new VnetException($"VNET_LOG_FILE is {path}, and vnet cannot write the log there: {e.Message} Set it to a file in a directory vnet can write to, or unset it.", e);
        }
    }
}
