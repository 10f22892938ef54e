using NuGet.Common;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace VagrantNet.Core.Plugins.Installing;

/// <summary>
/// One NuGet feed plugins come from: a NuGet v3 index URL, or a local folder of .nupkg files. Every failure to reach
/// it is a <see cref="VnetException"/> that names the feed.
/// </summary>
public sealed class PluginFeed
{
    /// <summary>The public NuGet gallery, where <c>vnet plugin install</c> looks unless told otherwise.</summary>
    public const string DefaultSource = "https://api.nuget.org/v3/index.json";

    private readonly SourceRepository _repository;
    private readonly SourceCacheContext _cache = new() { NoCache = true, DirectDownload = true };

    public PluginFeed(string source)
    {
        Source = IsUrl(source) ? source : Path.GetFullPath(source);
        _repository = Repository.Factory.GetCoreV3(Source);
    }

    /// <summary>The feed as the manifest records it: the URL, or the folder's full path.</summary>
    public string Source { get; }

    /// <summary>Every version of <paramref name="id"/> the feed has, oldest first; empty when it has none.</summary>
    public async Task<IReadOnlyList<NuGetVersion>> VersionsAsync(string id, CancellationToken cancellation)
    {
        var finder = await FinderAsync(cancellation).ConfigureAwait(false);
        var versions = await Reach(() => finder.GetAllVersionsAsync(id, _cache, NullLogger.Instance, cancellation)).ConfigureAwait(false);
        return [.. versions.Order()];
    }

    /// <summary>Writes the .nupkg of <paramref name="id"/> <paramref name="version"/> to <paramref name="destination"/>.</summary>
    public async Task DownloadAsync(string id, NuGetVersion version, string destination, CancellationToken cancellation)
    {
        var finder = await FinderAsync(cancellation).ConfigureAwait(false);
        var stream = File.Create(destination);
        await using (stream.ConfigureAwait(false))
        {
            var found = await Reach(() => finder.CopyNupkgToStreamAsync(id, version, stream, _cache, NullLogger.Instance, cancellation)).ConfigureAwait(false);
            if (!found)
            {
                throw new VnetException($"The plugin feed {Source} lists {id} {version} but did not serve its package; try again, or choose another version with --plugin-version.");
            }
        }
    }

    private async Task<FindPackageByIdResource> FinderAsync(CancellationToken cancellation)
    {
        // NuGet reads a missing folder as an empty feed, which would blame the package name instead of the path.
        if (!IsUrl(Source) && !Directory.Exists(Source))
        {
            throw new VnetException($"The plugin feed {Source} does not exist: there is no such directory. Pass an existing folder of .nupkg files or a NuGet v3 index URL to --plugin-source.");
        }

        return await Reach(() => _repository.GetResourceAsync<FindPackageByIdResource>(cancellation)).ConfigureAwait(false)
            ?? throw new VnetException($"The plugin feed {Source} offers no way to find packages by id; pass a NuGet v3 index URL or a folder of .nupkg files to --plugin-source.");
    }

    private async Task<T> Reach<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NuGetProtocolException or HttpRequestException or IOException)
        {
            throw new VnetException($"The plugin feed {Source} could not be read: {e.Message} Check the address (or pass another feed with --plugin-source) and the network.", e);
        }
    }

    private static bool IsUrl(string source) =>
        Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
