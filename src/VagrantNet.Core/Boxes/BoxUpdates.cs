using Microsoft.Extensions.Logging;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Core.Boxes;

/// <summary>What the catalog says about an installed box.</summary>
public sealed record BoxUpdateCheck(BoxInfo Installed, string? MetadataUrl, CatalogVersion? Latest, string? Error)
{
    /// <summary>Whether the catalog has a newer version for the box's provider and architecture.</summary>
    public bool IsOutdated => Latest is not null && Latest.Number > BoxVersionNumber.Parse(Installed.Version);

    /// <summary>The line printed before a machine's check, as Vagrant prints it on <c>up</c> and <c>box outdated</c>.</summary>
    public static string CheckingLine(BoxInfo box) => $"Checking if box '{box.Name}' version '{box.Version}' is up to date...";

    /// <summary>Vagrant's one-line notice for an outdated box, with vnet's command to run.</summary>
    public string NewerVersionLine() =>
        $"A newer version of the box '{Installed.Name}' for provider '{Installed.Provider}' is available! You currently have version '{Installed.Version}'. The latest is version '{Latest?.Version}'. Run `vnet box update` to update.";
}

/// <summary>Update checks for <c>box outdated</c> and <c>box update</c>: the catalog each box was added from, read once per URL.</summary>
public sealed class BoxUpdates(BoxCollection store, bool insecure, string? caCert, ILogger logger) : IDisposable
{
    private readonly BoxDownloader _downloader = new(store.Settings, insecure, caCert, logger);
    private readonly Dictionary<string, BoxCatalog> _catalogs = new(StringComparer.Ordinal);

    /// <summary>Checks one installed box against its catalog; <paramref name="constraint"/> limits the versions considered.</summary>
    public async Task<BoxUpdateCheck> CheckAsync(BoxInfo box, string? constraint, CancellationToken cancellation)
    {
        var url = store.MetadataUrl(box.Name);
        if (url is null)
        {
            return new BoxUpdateCheck(box, null, null, null);
        }

        try
        {
            var catalog = await CatalogAsync(url, cancellation).ConfigureAwait(false);
            return new BoxUpdateCheck(box, url, catalog.NewestFor(box.Provider, box.Architecture, constraint), null);
        }
        catch (VnetException e)
        {
            return new BoxUpdateCheck(box, url, null, e.Message);
        }
    }

    /// <summary>
    /// Installs the newest catalog version of the box if it is newer than what is installed; returns it, or null when up to
    /// date. That version already in the store is reused, unless <paramref name="force"/> (<c>box update -f</c>) downloads
    /// it again over the installed copy.
    /// </summary>
    public async Task<BoxInfo?> UpdateAsync(BoxInfo box, string? constraint, IMachineUi ui, CancellationToken cancellation, bool force = false)
    {
        var check = await CheckAsync(box, constraint, cancellation).ConfigureAwait(false);
        if (check.MetadataUrl is null)
        {
            throw new VnetException($"Box '{box.Name}' was not added from a catalog, so vnet cannot look for updates. Add a newer box file with `vnet box add --force`.");
        }

        if (check.Error is not null)
        {
            throw new VnetException($"Box '{box.Name}': {check.Error}");
        }

        if (!check.IsOutdated)
        {
            ui.Info($"Box '{box.Name}' (v{box.Version}) for '{box.Provider}' ({box.Architecture}) is up to date.");
            return null;
        }

        ui.Info($"Updating box '{box.Name}' for '{box.Provider}' from v{box.Version} to v{check.Latest!.Version}...");
        var request = new BoxAddRequest([check.MetadataUrl])
        {
            Name = box.Name,
            VersionConstraint = "= " + check.Latest.Version,
            Provider = box.Provider,
            Architecture = box.Architecture,
            Insecure = insecure,
            CaCert = caCert,
            ReuseInstalled = !force,
            Force = force,
        };
        return await new BoxAdder(store, logger).AddAsync(request, ui, cancellation).ConfigureAwait(false);
    }

    private async Task<BoxCatalog> CatalogAsync(string url, CancellationToken cancellation)
    {
        if (_catalogs.TryGetValue(url, out var cached))
        {
            return cached;
        }

        var location = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute : new Uri(Path.GetFullPath(url));
        var catalog = await BoxCatalogReader.ReadAsync(location, _downloader, cancellation).ConfigureAwait(false);
        _catalogs[url] = catalog;
        return catalog;
    }

    public void Dispose() => _downloader.Dispose();
}
