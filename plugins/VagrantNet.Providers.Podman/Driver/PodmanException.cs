using VagrantNet.Sdk;

namespace VagrantNet.Providers.Podman;

/// <summary>A podman (or host tool) command failed, or the provider cannot do what the config asks: a message for the user.</summary>
public sealed class PodmanException(string message) : VnetError(message);
