using System.Diagnostics;

namespace VagrantNet.Tests.Support;

/// <summary>Runs a prepared child process to its end, capturing its output; a hung one fails the test instead of the run.</summary>
internal static class ChildProcess
{
    /// <summary>Starts <paramref name="start"/> (output redirected) and waits up to <paramref name="hangGuard"/>; <paramref name="what"/> names it in the failure.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, TimeSpan hangGuard, string what)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(hangGuard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new AssertionException($"{what} did not exit within {hangGuard}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
