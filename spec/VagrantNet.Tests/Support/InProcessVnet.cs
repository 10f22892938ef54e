using VagrantNet.Cli;
using VagrantNet.Core.Actions;
using VagrantNet.Core.Boxes;

namespace VagrantNet.Tests.Support;

/// <summary>Runs <c>vnet</c> in-process with stdout and stderr captured. Callers must be [NonParallelizable].</summary>
internal static class InProcessVnet
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Runs <paramref name="args"/> in <paramref name="workingDirectory"/> with the given environment variables set for the run.</summary>
    public static Task<VnetRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunWithBoxSettingsAsync(workingDirectory, environment, null, args);

    /// <summary>As <see cref="RunAsync"/>, with the box store's retry delays and disk limits replaced (null keeps the defaults).</summary>
    public static async Task<VnetRun> RunWithBoxSettingsAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, BoxAddSettings? boxSettings, params string[] args)
    {
        await Gate.WaitAsync();
        var previousOut = Console.Out;
        var previousError = Console.Error;
        var previousEnvironment = environment.Keys.ToDictionary(k => k, System.Environment.GetEnvironmentVariable);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        try
        {
            foreach (var (name, value) in environment)
            {
                System.Environment.SetEnvironmentVariable(name, value);
            }

            Console.SetOut(stdout);
            Console.SetError(stderr);
            using var interrupts = new InterruptSource();
            var exitCode = await new CliApp(workingDirectory, interrupts, builtins: [], boxSettings).RunAsync(args);
            return new VnetRun(exitCode, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
            foreach (var (name, value) in previousEnvironment)
            {
                System.Environment.SetEnvironmentVariable(name, value);
            }

            Gate.Release();
        }
    }
}

/// <summary>What one <c>vnet</c> run printed and returned.</summary>
internal sealed record VnetRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}{System.Environment.NewLine}stdout:{System.Environment.NewLine}{Stdout}{System.Environment.NewLine}stderr:{System.Environment.NewLine}{Stderr}";
}
