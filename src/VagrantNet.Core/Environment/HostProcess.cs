using System.Diagnostics;
using System.Text;

namespace VagrantNet.Core.Environment;

/// <summary>Runs a host program with an argument list (never through a shell) and collects or streams its output.</summary>
public static class HostProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(
        string program,
        IEnumerable<string> arguments,
        CancellationToken cancellation,
        Action<string>? onStdout = null,
        Action<string>? onStderr = null,
        string? workingDirectory = null,
        string? standardInput = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new VnetException($"Could not run '{program}' on this host: {e.Message}. Is it installed?", e);
        }

        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellation).ConfigureAwait(false);
        }

        process.StandardInput.Close();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput, stdout, onStdout, cancellation),
            PumpAsync(process.StandardError, stderr, onStderr, cancellation));
        try
        {
            await process.WaitForExitAsync(cancellation).ConfigureAwait(false);
            await pumps.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended on its own.
            }

            throw;
        }

        return new Result(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Whether <paramref name="program"/> is found on PATH.</summary>
    public static string? Which(string program)
    {
        if (program.Contains('/'))
        {
            return File.Exists(program) ? program : null;
        }

        foreach (var directory in (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder sink, Action<string>? onLine, CancellationToken cancellation)
    {
        while (await reader.ReadLineAsync(cancellation).ConfigureAwait(false) is { } line)
        {
            sink.AppendLine(line);
            onLine?.Invoke(line);
        }
    }
}
