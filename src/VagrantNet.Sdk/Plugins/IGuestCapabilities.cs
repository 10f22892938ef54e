namespace VagrantNet.Sdk.Plugins;

/// <summary>The guest's capabilities, resolved along its family chain (debian → linux).</summary>
public interface IGuestCapabilities
{
    /// <summary>The detected guest family, such as <c>debian</c>.</summary>
    Task<string> DetectAsync(CancellationToken cancellation);

    Task<bool> HasAsync(GuestCapability capability, CancellationToken cancellation);

    /// <summary>Runs a capability; throws a clear error naming the guest when it has none by that name.</summary>
    Task<TResult> InvokeAsync<TArgs, TResult>(GuestCapability<TArgs, TResult> capability, TArgs args, CancellationToken cancellation);
}

public static class GuestCapabilitiesExtensions
{
    /// <summary>Runs a capability that takes no arguments.</summary>
    public static Task<TResult> InvokeAsync<TResult>(this IGuestCapabilities guest, GuestCapability<Unit, TResult> capability, CancellationToken cancellation) =>
        guest.InvokeAsync(capability, default, cancellation);
}
