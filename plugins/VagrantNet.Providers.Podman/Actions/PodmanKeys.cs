using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Podman.Actions;

/// <summary>Values the podman steps hand to each other.</summary>
public static class PodmanKeys
{
    public static readonly ActionKey<string> ContainerName = new("podman.container_name");

    /// <summary>The image the container is made from, present in the local store.</summary>
    public static readonly ActionKey<string> Image = new("podman.image");
}
