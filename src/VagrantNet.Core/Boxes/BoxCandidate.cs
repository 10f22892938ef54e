namespace VagrantNet.Core.Boxes;

/// <summary>
/// The one box an add settled on: where its file is and the coordinates it gets in the store.
/// <see cref="Provider"/> is null when a box file was named without <c>--provider</c>: its metadata.json tells.
/// </summary>
internal sealed record BoxCandidate(Uri Location, string Name, string Version, string? Provider, string Architecture)
{
    public BoxChecksum? Checksum { get; init; }

    /// <summary>The catalog the box came from, kept beside it for <c>box outdated</c>; null for a file or direct URL.</summary>
    public string? MetadataUrl { get; init; }
}
