using VagrantNet.Core.Environment;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Cli.Hosting;

/// <summary>
/// What a plugin's command runs with. The environment (and with it the Vagrantfile.csx) is loaded only when the handler
/// asks for the host or the machines, so that a command that needs neither costs no script evaluation.
/// </summary>
internal sealed class ContributedCommandContext(CliContext context, IReadOnlyDictionary<string, string?> arguments) : ICommandContext, IAsyncDisposable
{
    private VnetEnvironment? _environment;

    public IReadOnlyDictionary<string, string?> Arguments { get; } = arguments;

    public string WorkingDirectory => context.WorkingDirectory;

    public IMachineUi Ui => context.Ui.Global;

    public CancellationToken Cancellation => context.Interrupts.Cancellation;

    public async Task<IVnetHost> HostAsync() => (await EnvironmentAsync().ConfigureAwait(false)).Host;

    public async Task<IReadOnlyList<IMachine>> MachinesAsync(IReadOnlyList<string>? names = null)
    {
        var environment = await EnvironmentAsync().ConfigureAwait(false);
        var machines = new List<IMachine>();
        foreach (var name in environment.SelectMachines(names ?? []))
        {
            machines.Add(await environment.MachineAsync(name, requestedProvider: null, Cancellation).ConfigureAwait(false));
        }

        return machines;
    }

    public async ValueTask DisposeAsync()
    {
        if (_environment is not null)
        {
            await _environment.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<VnetEnvironment> EnvironmentAsync() =>
        _environment ??= await context.LoadEnvironmentAsync(requireProject: false).ConfigureAwait(false);
}
