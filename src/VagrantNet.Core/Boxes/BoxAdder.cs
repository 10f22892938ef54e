using Microsoft.Extensions.Logging;
using VagrantNet.Core.Environment;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Core.Boxes;

/// <summary>
/// <c>vnet box add</c>, resolved as Vagrant resolves it: a local file, a <c>file://</c> or <c>http(s)://</c> box URL
/// (named with <c>--name</c>, version 0), or a catalog (a local or remote JSON document, or <c>org/name</c> on the
/// catalog server) from which the newest version matching the constraint, provider and architecture is taken.
/// </summary>
internal sealed class BoxAdder(BoxCollection store, ILogger logger)
{
    private readonly BoxImporter _importer = new(store.Paths, store.Settings);

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

        using var downloader = new BoxDownloader(store.Settings, request.Insecure, request.CaCert, logger);
        VnetException? last = null;
        foreach (var source in request.Sources)
        {
            try
            {
                return await AddFromAsync(source, request, downloader, ui, cancellation).ConfigureAwait(false);
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

    private async Task<BoxInfo> AddFromAsync(string source, BoxAddRequest request, BoxDownloader downloader, IMachineUi ui, CancellationToken cancellation)
    {
        var location = Locate(source);
        bool isCatalog;
        try
        {
            isCatalog = location.IsFile
                ? LocalFileIsCatalog(location.LocalPath)
                : await downloader.IsCatalogAsync(location, cancellation).ConfigureAwait(false);
        }
        catch (VnetException e) when (request.Name is { } named && !e.Message.Contains($"'{named}'", StringComparison.Ordinal))
        {
            throw new VnetException($"Box '{named}' could not be added: {e.Message}", e);
        }
        if (isCatalog)
        {
            return await AddFromCatalogAsync(location, request, downloader, ui, cancellation).ConfigureAwait(false);
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
        return await InstallAsync(location, name, BoxNames.DirectVersion, request.Provider, architecture, checksum, null, request, downloader, ui, cancellation).ConfigureAwait(false);
    }

    private async Task<BoxInfo> AddFromCatalogAsync(Uri catalogUrl, BoxAddRequest request, BoxDownloader downloader, IMachineUi ui, CancellationToken cancellation)
    {
        var shownCatalog = UrlText.Redact(catalogUrl);
        ui.Info($"Loading metadata for box '{request.Name ?? shownCatalog}'");
        ui.Detail($"URL: {shownCatalog}");
        var catalog = await LoadCatalogAsync(catalogUrl, downloader, cancellation).ConfigureAwait(false);
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
        var installed = store.Get(catalog.Name, version, provider, choice.Architecture);
        if (installed is not null && !request.Force)
        {
            return request.ReuseInstalled ? installed : throw BoxCollection.AlreadyInstalled(catalog.Name, version, provider, choice.Architecture);
        }

        var checksum = BoxChecksum.From(request.Checksum, request.ChecksumType, catalog.Name)
            ?? BoxChecksum.From(choice.Provider.Checksum, choice.Provider.ChecksumType, catalog.Name);
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
        return await InstallAsync(boxUrl, catalog.Name, version, provider, choice.Architecture, checksum, metadataUrl, request, downloader, ui, cancellation).ConfigureAwait(false);
    }

    /// <summary>Reads a catalog from a file or URL.</summary>
    public static async Task<BoxCatalog> LoadCatalogAsync(Uri url, BoxDownloader downloader, CancellationToken cancellation)
    {
        byte[] json;
        if (url.IsFile)
        {
            var info = new FileInfo(url.LocalPath);
            if (!info.Exists)
            {
                throw new VnetException($"The box catalog {url.LocalPath} does not exist.");
            }

            if (info.Length > BoxCatalog.MaxBytes)
            {
                throw new VnetException($"The box catalog at {url.LocalPath} is larger than {BoxCatalog.MaxBytes >> 20} MiB.");
            }

            json = await File.ReadAllBytesAsync(url.LocalPath, cancellation).ConfigureAwait(false);
        }
        else
        {
            json = await downloader.FetchCatalogAsync(url, cancellation).ConfigureAwait(false);
        }

        return BoxCatalog.Parse(json, url.IsFile ? url.LocalPath : UrlText.Redact(url));
    }

    /// <summary>Downloads (unless local), verifies, unpacks and installs, holding the box's lock throughout.</summary>
    private async Task<BoxInfo> InstallAsync(
        Uri location,
        string name,
        string version,
        string? provider,
        string architecture,
        BoxChecksum? checksum,
        string? metadataUrl,
        BoxAddRequest request,
        BoxDownloader downloader,
        IMachineUi ui,
        CancellationToken cancellation)
    {
        await using var held = await store.LockAsync(name, ui, cancellation).ConfigureAwait(false);
        if (provider is not null && !request.Force && store.Get(name, version, provider, architecture) is { } already)
        {
            // Another process may have installed it while this one waited for the lock.
            return request.ReuseInstalled ? already : throw BoxCollection.AlreadyInstalled(name, version, provider, architecture);
        }

        string file;
        string? downloaded = null;
        if (location.IsFile)
        {
            file = location.LocalPath;
            if (!File.Exists(file))
            {
                throw new VnetException($"Box '{name}': the file {file} does not exist.");
            }
        }
        else
        {
            downloaded = file = BoxDownloader.DownloadPath(store.Paths, location, name);
            if (request.Clean)
            {
                File.Delete(file);
                File.Delete(file + ".resume");
            }

            try
            {
                await downloader.DownloadAsync(location, file, name, ui, cancellation).ConfigureAwait(false);
            }
            catch (VnetException e) when (!e.Message.Contains($"'{name}'", StringComparison.Ordinal))
            {
                throw new VnetException($"Box '{name}' could not be downloaded: {e.Message} The box store is unchanged.", e);
            }
        }

        if (checksum is not null)
        {
            ui.Detail($"Verifying the {checksum.Type} checksum...");
            try
            {
                await checksum.VerifyAsync(file, name, cancellation).ConfigureAwait(false);
            }
            catch (VnetException) when (downloaded is not null)
            {
                // A bad download must not be resumed next time.
                File.Delete(downloaded);
                File.Delete(downloaded + ".resume");
                throw;
            }
        }

        ui.Detail("Unpacking the box...");
        using var unpacked = await _importer.UnpackAsync(file, name, provider ?? request.Provider, ui.Progress("Unpacking", new FileInfo(file).Length), cancellation).ConfigureAwait(false);
        if (unpacked.Warning is not null)
        {
            ui.Warn(unpacked.Warning);
        }

        var actualProvider = unpacked.Metadata.Provider;
        if (!request.Force && store.Get(name, version, actualProvider, architecture) is { } existing)
        {
            return request.ReuseInstalled ? existing : throw BoxCollection.AlreadyInstalled(name, version, actualProvider, architecture);
        }

        var box = store.Install(unpacked, name, version, architecture, metadataUrl, request.Force);
        if (downloaded is not null)
        {
            File.Delete(downloaded);
            File.Delete(downloaded + ".resume");
        }

        ui.Success($"Successfully added box '{name}' (v{version}) for '{box.Provider}' ({architecture})!");
        return box;
    }

    /// <summary>Turns what the user typed into a URL: an existing file, a URL, or an <c>org/name</c> on the catalog server.</summary>
    private Uri Locate(string source)
    {
        if (File.Exists(source))
        {
            return new Uri(Path.GetFullPath(source));
        }

        if (Directory.Exists(source))
        {
            throw new VnetException($"'{source}' is a directory, not a box file or catalog.");
        }

        if (Uri.TryCreate(source, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "file")
        {
            return url;
        }

        if (BoxNames.IsShorthand(source))
        {
            var server = store.Settings.ServerUrl.TrimEnd('/');
            if (!Uri.TryCreate(server + "/" + source, UriKind.Absolute, out var catalog))
            {
                throw new VnetException($"VNET_SERVER_URL '{server}' is not a valid URL.");
            }

            return catalog;
        }

        throw new VnetException($"The box '{UrlText.Redact(source)}' could not be found: it is not a file, not an http(s):// or file:// URL, and not an org/name on the catalog server.");
    }

    private static bool LocalFileIsCatalog(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var stream = File.OpenRead(path);
        var head = new byte[1024];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return BoxArchive.LooksLikeJson(head.AsSpan(0, read));
    }

    private static string? PreferredProvider() =>
        System.Environment.GetEnvironmentVariable("VNET_DEFAULT_PROVIDER") is { Length: > 0 } provider ? provider : "libvirt";
}
