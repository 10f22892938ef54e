using System.ComponentModel;
using System.Text;
using CliWrap;
using Microsoft.Extensions.Logging;
using VagrantNet.Core.Communication;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.Processes;

/// <summary>The engine's <see cref="IProcessRunner"/>, on CliWrap: cancelling a run kills the program's whole process tree.</summary>
public sealed class ProcessRunner(ILogger logger) : IProcessRunner
{
    public async Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellation)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var command = Cli.Wrap(request.Program)
            .WithArguments(request.Arguments)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(Sink(stdout, request.OnStdout))
            .WithStandardErrorPipe(Sink(stderr, request.OnStderr))
            .WithStandardInputPipe(request.StandardInput is { } input ? PipeSource.FromString(input) : PipeSource.Null);
        if (request.WorkingDirectory is { } directory)
        {
            command = command.WithWorkingDirectory(directory);
        }

        logger.LogDebug("Running {Program} {Arguments}", request.Program, ShellQuote.Join(request.Arguments));
        try
        {
            var result = await command.ExecuteAsync(cancellation).ConfigureAwait(false);
            return new ProcessResult(result.ExitCode, stdout.ToString(), stderr.ToString());
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException { InnerException: Win32Exception })
        {
            throw new HostProgramMissingException(request.Program, e.InnerException ?? e);
        }
    }

    public string? Find(string program)
    {
        if (program.Contains('/'))
        {
            return File.Exists(program) ? program : null;
        }

        return (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
    }

    private static PipeTarget Sink(StringBuilder text, Action<string>? onLine) =>
        PipeTarget.ToDelegate(line =>
        {
            text.AppendLine(line);
            onLine?.Invoke(line);
        });

}
