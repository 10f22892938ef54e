using System.Text;
using VagrantNet.Core.Plugins;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.Machines;

/// <summary>
/// Detects the guest family in one round trip (every registered detect command runs in one script)
/// and dispatches capabilities along the family chain, most specific first.
/// </summary>
public sealed class GuestCapabilities(IMachine machine, PluginRegistry registry) : IGuestCapabilities
{
    private string? _detected;

    public async Task<string> DetectAsync(CancellationToken cancellation)
    {
        if (_detected is not null)
        {
            return _detected;
        }

        if (machine.Config.Vm.Guest is { } configured)
        {
            return _detected = configured;
        }

        var script = new StringBuilder();
        foreach (var guest in registry.Guests.Values)
        {
            script.Append("if ( ").Append(guest.DetectCommand).Append(" ) >/dev/null 2>&1; then echo ").Append(guest.Name).Append("; fi\n");
        }

        var matched = new List<string>();
        await machine.Communicator.ExecuteAsync(script.ToString(), new ExecuteOptions { OnStdout = line => matched.Add(line.Trim()), ErrorOnFailure = false }, cancellation).ConfigureAwait(false);
        _detected = matched.Where(registry.Guests.ContainsKey).OrderByDescending(Depth).FirstOrDefault()
            ?? throw new VnetException($"Machine '{machine.Name}': vnet could not detect the guest operating system; set config.Vm.Guest (for example \"linux\").");
        machine.Logger.LogDebugSafe($"Detected guest {_detected}");
        return _detected;
    }

    public async Task<bool> HasAsync(GuestCapability capability, CancellationToken cancellation) =>
        registry.FindGuestCapability(await DetectAsync(cancellation).ConfigureAwait(false), capability) is not null;

    public async Task<TResult> InvokeAsync<TArgs, TResult>(GuestCapability<TArgs, TResult> capability, TArgs args, CancellationToken cancellation)
    {
        var guest = await DetectAsync(cancellation).ConfigureAwait(false);
        var implementation = registry.FindGuestCapability(guest, capability)
            ?? throw new VnetException($"Machine '{machine.Name}': the guest '{guest}' has no capability '{capability}'.");
        return await implementation(machine, args, cancellation).ConfigureAwait(false);
    }

    private int Depth(string guest)
    {
        var depth = 0;
        for (var g = registry.Guests.GetValueOrDefault(guest); g?.Parent is not null; g = registry.Guests.GetValueOrDefault(g.Parent))
        {
            depth++;
        }

        return depth;
    }
}

internal static class LoggerExtensions
{
    public static void LogDebugSafe(this Microsoft.Extensions.Logging.ILogger logger, string message) =>
        Microsoft.Extensions.Logging.LoggerExtensions.LogDebug(logger, "{Message}", message);
}
