using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace VagrantNet.Cli.Hosting;

/// <summary>Logs go to stderr through Serilog, at the level of <c>VNET_LOG</c> (debug, info, warn, error) or <c>--debug</c>.</summary>
internal static class Logging
{
    public static ILoggerFactory Create(bool debug)
    {
        var level = debug ? LogLevel.Debug : Parse(Environment.GetEnvironmentVariable("VNET_LOG"));

        // With logging off, Serilog is never loaded: its start-up cost would be paid by every command.
        return level == LogLevel.None ? NullLoggerFactory.Instance : CreateSerilog(level);
    }

    // Out of line so that only a run that logs touches Serilog's types.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ILoggerFactory CreateSerilog(LogLevel level)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(level switch
            {
                LogLevel.Debug => LogEventLevel.Debug,
                LogLevel.Information => LogEventLevel.Information,
                LogLevel.Warning => LogEventLevel.Warning,
                _ => LogEventLevel.Error,
            })
            .WriteTo.Console(
                outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u4} {SourceContext}: {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose)
            .CreateLogger();
        return new SerilogLoggerFactory(logger, dispose: true);
    }

    private static LogLevel Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "debug" or "trace" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => LogLevel.None,
    };
}
