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
        var level = debug ? LogEventLevel.Debug : Parse(Environment.GetEnvironmentVariable("VNET_LOG"));
        if (level == LogEventLevel.Fatal)
        {
            // Logging is off (nothing logs at Fatal): skip Serilog's start-up cost, which every command would pay.
            return NullLoggerFactory.Instance;
        }

        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .WriteTo.Console(
                outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u4} {SourceContext}: {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose)
            .CreateLogger();
        return new SerilogLoggerFactory(logger, dispose: true);
    }

    private static LogEventLevel Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "debug" or "trace" => LogEventLevel.Debug,
        "info" => LogEventLevel.Information,
        "warn" or "warning" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        _ => LogEventLevel.Fatal,
    };
}
