using VagrantNet.Cli;
using VagrantNet.Core.Actions;
using VagrantNet.Core.Boxes;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Tests.Support;

/// <summary>
/// Runs <c>vnet</c> in-process with stdout and stderr captured, with vnet's own built-in plugins (the SSH
/// communicator, rsync and NFS folders, ...) as the real binary has them. Callers must be [NonParallelizable].
/// </summary>
internal static class InProcessVnet
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Runs <paramref name="args"/> in <paramref name="workingDirectory"/> with the given environment variables set for the run.</summary>
    public static Task<VnetRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunAsync(workingDirectory, environment, [], new StringWriter(), args);

    /// <summary>As <see cref="RunAsync(string, IReadOnlyDictionary{string, string?}, string[])"/>, with the box store's retry delays and disk limits replaced.</summary>
    public static Task<VnetRun> RunWithBoxSettingsAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, BoxAddSettings? boxSettings, params string[] args) =>
        RunCoreAsync(workingDirectory, environment, [], new StringWriter(), boxSettings, args);

    /// <summary>Runs with <paramref name="builtins"/> registered beside vnet's built-in plugins and stdout going to <paramref name="stdout"/>.</summary>
    public static Task<VnetRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, IReadOnlyList<IVagrantPlugin> builtins, TextWriter stdout, params string[] args) =>
        RunCoreAsync(workingDirectory, environment, builtins, stdout, null, args);

    private static async Task<VnetRun> RunCoreAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, IReadOnlyList<IVagrantPlugin> builtins, TextWriter stdout, BoxAddSettings? boxSettings, string[] args)
    {
        await Gate.WaitAsync();
        var previousOut = Console.Out;
        var previousError = Console.Error;
        var previousEnvironment = environment.Keys.ToDictionary(k => k, System.Environment.GetEnvironmentVariable);
        using var _ = stdout;
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
            // vnet's own built-in plugins always, as the real binary has them, plus the test's.
            var exitCode = await new CliApp(workingDirectory, interrupts, [.. BuiltinPlugins.All, .. builtins], boxSettings).RunAsync(args);
            return new VnetRun(exitCode, stdout.ToString() ?? string.Empty, stderr.ToString());
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
