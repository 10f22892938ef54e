using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace SamplePlugin;

/// <summary>A provider with no machine behind it: its state says what its config holds.</summary>
public sealed class SampleProvider(IMachine machine) : IProvider
{
    public ActionBuilder? Action(string name) => null;

    /// <summary>The state id is <c>greeting</c>; the short text is the configured greeting and volume.</summary>
    public Task<MachineState> StateAsync(CancellationToken cancellation)
    {
        var config = (SampleConfig)machine.ProviderConfig;
        return Task.FromResult(new MachineState("greeting", $"{config.Greeting} (volume {config.Volume?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unset"})", $"The sample provider greets with '{config.Greeting}'."));
    }

    public Task<SshInfo?> SshInfoAsync(CancellationToken cancellation) => Task.FromResult<SshInfo?>(null);
}
