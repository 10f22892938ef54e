using VagrantNet.Providers.Podman.Driver;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Podman.Actions;

/// <summary>How the steps reach podman and the provider's settings for the machine of a pipeline run.</summary>
internal static class PodmanStep
{
    public static PodmanDriver Driver(this ActionContext context) => new(context.Machine);

    public static PodmanConfig Config(this ActionContext context) => (PodmanConfig)context.Machine.ProviderConfig;

    /// <summary>The machine's container id; a step that needs it runs only on a created machine.</summary>
    public static string ContainerId(this ActionContext context) =>
        context.Machine.Id ?? throw new InvalidOperationException($"Machine '{context.Machine.Name}' has no container id: the step runs only after the container exists.");
}
