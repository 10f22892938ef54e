namespace VagrantNet.Sdk.Plugins;

/// <summary>The guest's capabilities, resolved along its family chain (debian → linux).</summary>
public interface IGuestCapabilities
{
    /// <summary>The detected guest family, such as <c>debian</c>.</summary>
    Task<string> DetectAsync(CancellationToken cancellation);

    Task<bool> HasAsync(string capability, CancellationToken cancellation);

    /// <summary>Runs a capability; throws a clear error naming the guest when it has none by that name.</summary>
    Task<object?> InvokeAsync(string capability, CancellationToken cancellation, params object?[] args);
}
