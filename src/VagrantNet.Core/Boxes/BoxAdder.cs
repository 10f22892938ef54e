using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Core.Boxes;

/// <summary>
/// <c>vnet box add</c>, resolved as Vagrant resolves it: a local file, a <c>file://</c> or <c>http(s)://</c> box URL
/// (named with <c>--name</c>, version 0), or a catalog (a local or remote JSON document, or <c>org/name</c> on the
/// catalog server) from which the newest version matching the constraint, provider and architecture is taken.
/// </summary>
/// <remarks>The entry for adding boxes (<c>box add</c>, <c>box update</c>, a missing box at <c>up</c>): it settles on one
/// <see cref="BoxCandidate"/> and hands it to a <see cref="BoxInstaller"/>; <see cref="BoxCollection"/> only stores.</remarks>
public sealed class BoxAdder(BoxCollection store, ILogger? logger = null)
{

    public async Task<BoxInfo> AddAsync(BoxAddRequest request, IMachineUi ui, CancellationToken cancellation)
    {
        if (request.Sources.Count == 0)
        {
            throw new VnetException("Name the box to add: a file, a URL, or an org/name on the catalog server.");
        }

        if (request.Name is not null)
        {
            BoxNames.ValidateName(request.Name);
        }

        if (request.Provider is not null)
        {
            BoxNames.ValidateProvider(request.Provider, request.Name ?? request.Sources[0]);
        }

        if (request.Architecture is not null)
        {
            BoxNames.ValidateArchitecture(request.Architecture, request.Name ?? request.Sources[0]);
        }

        if (request.VersionConstraint is not null)
        {
            _ = BoxCatalog.Constraint(request.VersionConstraint);
        }

        using var downloader = new BoxDownloader(store.Settings, request.Insecure, request.CaCert, logger ?? NullLogger.Instance);
        var installer = new BoxInstaller(store, request, downloader, ui);
        VnetException? last = null;
        foreach (var source in request.Sources)
        {
            try
            {
                return await AddFromAsync(source, request, downloader, installer, ui, cancellation).ConfigureAwait(false);
            }
            catch (VnetException e) when (request.Sources.Count > 1 && source != request.Sources[^1])
            {
                // Vagrant tries each box_url in turn.
                ui.Warn($"{e.Message} Trying the next URL.");
                last = e;
            }
        }

        throw last!;
    }

    private async Task<BoxInfo> AddFromAsync(string source, BoxAddRequest request, BoxDownloader downloader, BoxInstaller installer, IMachineUi ui, CancellationToken cancellation)
    {
        var location = BoxSourceLocator.Locate(source, store.Settings.ServerUrl);
        bool isCatalog;
        try
        {
            isCatalog = location.IsFile
                ? BoxSourceLocator.IsCatalogFile(location.LocalPath)
                : await downloader.IsCatalogAsync(location, cancellation).ConfigureAwait(false);
        }
        catch (VnetException e) when (request.Name is { } named && !e.Message.Contains($"'{named}'", StringComparison.Ordinal))
        {
            throw new VnetException($"Box '{named}' could not be added: {e.Message}", e);
        }
        if (isCatalog)
        {
            return await AddFromCatalogAsync(location, request, downloader, installer, ui, cancellation).ConfigureAwait(false);
        }

        var name = request.Name
            ?? throw new VnetException($"'{UrlText.Redact(source)}' is a box file, not a catalog: give the box a name with --name.");
        if (request.VersionConstraint is not null)
        {
            throw new VnetException($"Box '{name}': --box-version needs a catalog; a box added straight from a file or URL has no versions (it gets version {BoxNames.DirectVersion}).");
        }

        var architecture = request.Architecture ?? BoxNames.DefaultArchitecture;
        var checksum = BoxChecksum.From(request.Checksum, request.ChecksumType, name);
        ui.Info(request.Provider is null
            ? $"Adding box '{name}' (v{BoxNames.DirectVersion}) ({architecture})"
            : $"Adding box '{name}' (v{BoxNames.DirectVersion}) for provider: {request.Provider} ({architecture})");
        ui.Detail($"Box file: {UrlText.Redact(source)}");
        var direct = new BoxCandidate(location, name, BoxNames.DirectVersion, request.Provider, architecture)
        {
            Checksum = checksum,
        };
        return await installer.InstallAsync(direct, cancellation).ConfigureAwait(false);
    }

    /// <summary>Installs the newest version in the catalog that matches the request, unless it is installed already.</summary>
    private async Task<BoxInfo> AddFromCatalogAsync(Uri catalogUrl, BoxAddRequest request, BoxDownloader downloader, BoxInstaller installer, IMachineUi ui, CancellationToken cancellation)
    {
        var shownCatalog = UrlText.Redact(catalogUrl);
        ui.Info($"Loading metadata for box '{request.Name ?? shownCatalog}'");
        ui.Detail($"URL: {shownCatalog}");
        var catalog = await BoxCatalogReader.ReadAsync(catalogUrl, downloader, cancellation).ConfigureAwait(false);
        BoxNames.ValidateName(catalog.Name);
        if (request.Name is not null && request.Name != catalog.Name)
        {
            throw new VnetException($"The catalog at {shownCatalog} describes box '{catalog.Name}', not '{request.Name}' as named.");
        }

        var choice = catalog.Select(request.VersionConstraint, request.Provider, request.Architecture, PreferredProvider());
        var version = choice.Version.Version;
        BoxNames.ValidateVersion(version, catalog.Name);
        var provider = choice.Provider.Name;
        BoxNames.ValidateProvider(provider, catalog.Name);
        if (installer.AlreadyInstalled(catalog.Name, version, provider, choice.Architecture) is { } installed)
        {
            return installed;
        }

        if (!Uri.TryCreate(catalogUrl, choice.Provider.Url, out var boxUrl) || boxUrl.Scheme is not ("http" or "https" or "file"))
        {
            throw new VnetException($"Box '{catalog.Name}' (v{version}): the catalog gives the unusable URL '{UrlText.Redact(choice.Provider.Url)}'.");
        }

        if (!catalogUrl.IsFile && boxUrl.Scheme != catalogUrl.Scheme && !(catalogUrl.Scheme == "http" && boxUrl.Scheme == "https"))
        {
            // A remote catalog must not make vnet read a local file (file://) or drop from https to http.
            throw new VnetException($"Box '{catalog.Name}' (v{version}): the catalog at {shownCatalog} gives the {boxUrl.Scheme} URL '{UrlText.Redact(boxUrl)}'; a catalog served over {catalogUrl.Scheme} may name {catalogUrl.Scheme}{(catalogUrl.Scheme == "http" ? " or https" : string.Empty)} URLs only.");
        }

        ui.Info($"Adding box '{catalog.Name}' (v{version}) for provider: {provider} ({choice.Architecture})");
        ui.Detail($"Downloading: {UrlText.Redact(boxUrl)}");
        // Stored 0644 beside the box: never with a password in it.
        var metadataUrl = catalogUrl.IsFile ? catalogUrl.LocalPath : UrlText.WithoutUserInfo(catalogUrl);
        var box = new BoxCandidate(boxUrl, catalog.Name, version, provider, choice.Architecture)
        {
            Checksum = BoxChecksum.From(request.Checksum, request.ChecksumType, catalog.Name)
                ?? BoxChecksum.From(choice.Provider.Checksum, choice.Provider.ChecksumType, catalog.Name),
            MetadataUrl = metadataUrl,
        };
        return await installer.InstallAsync(box, cancellation).ConfigureAwait(false);
    }

    private static string? PreferredProvider() =>
        System.Environment.GetEnvironmentVariable("VNET_DEFAULT_PROVIDER") is { Length: > 0 } provider ? provider : "libvirt";
}
