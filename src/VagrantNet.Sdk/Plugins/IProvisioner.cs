using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Sdk.Plugins;

/// <summary>Runs one configured provisioner against a running machine.</summary>
public interface IProvisioner
{
    Task ProvisionAsync(IMachine machine, ProvisionerDefinition definition, CancellationToken cancellation);

    /// <summary>Called on destroy, so a provisioner can clean host-side state.</summary>
    Task CleanupAsync(IMachine machine, ProvisionerDefinition definition, CancellationToken cancellation) => Task.CompletedTask;
}
