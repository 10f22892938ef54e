using VagrantNet.Sdk.Machines;

namespace VagrantNet.Sdk.Plugins;

/// <summary>Runs a plugin's command; returns the exit code. A <see cref="VnetError"/> is shown as vnet shows its own errors (exit 1).</summary>
public delegate Task<int> CommandHandler(ICommandContext context);

/// <summary>What a plugin's command gets from vnet: its arguments, the UI, and the project's machines when it asks for them.</summary>
public interface ICommandContext
{
    /// <summary>The value of each declared <see cref="CommandArgument"/> by name; null for an optional one not given.</summary>
    IReadOnlyDictionary<string, string?> Arguments { get; }

    /// <summary>The directory vnet was run in.</summary>
    string WorkingDirectory { get; }

    /// <summary>Lines for the user, without a machine prefix.</summary>
    IMachineUi Ui { get; }

    /// <summary>Cancelled by Ctrl+C.</summary>
    CancellationToken Cancellation { get; }

    /// <summary>Host-side services (VNET_HOME, boxes, locks, processes). Loads the project's Vagrantfile.csx when there is one.</summary>
    Task<IVnetHost> HostAsync();

    /// <summary>
    /// The project's machines, each bound to its provider: all of them, or those <paramref name="names"/> select (names or
    /// <c>/regex/</c>, as <c>vnet up</c> takes them). Refused with vnet's message when there is no Vagrantfile.csx.
    /// </summary>
    Task<IReadOnlyList<IMachine>> MachinesAsync(IReadOnlyList<string>? names = null);
}
