using VagrantNet.Sdk.Machines;

namespace VagrantNet.Core.Boxes;

/// <summary>
/// Puts one chosen box into the store: under the box's lock, downloads it (unless local), verifies its checksum,
/// unpacks it and moves it in. A failure at any point leaves the store as it was.
/// </summary>
internal sealed class BoxInstaller(BoxCollection store, BoxAddRequest request, BoxDownloader downloader, IMachineUi ui)
{
    private readonly BoxImporter _importer = new(store.Paths, store.Settings, store.KnownProviderSetting);

    /// <summary>
    /// The installed box with these coordinates when the request may take it (<see cref="BoxAddRequest.ReuseInstalled"/>),
    /// null when there is none or <c>--force</c> replaces it; otherwise the user is told to remove it or force.
    /// </summary>
    public BoxInfo? AlreadyInstalled(string name, string version, string provider, string architecture)
    {
        if (request.Force || store.Get(name, version, provider, architecture) is not { } installed)
        {
            return null;
        }

        return request.ReuseInstalled ? installed : throw BoxCollection.AlreadyInstalled(name, version, provider, architecture);
    }

    public async Task<BoxInfo> InstallAsync(BoxCandidate box, CancellationToken cancellation)
    {
        await using var held = await store.LockAsync(box.Name, ui, cancellation).ConfigureAwait(false);
        // Another process may have installed it while this one waited for the lock.
        if (box.Provider is not null && AlreadyInstalled(box.Name, box.Version, box.Provider, box.Architecture) is { } already)
        {
            return already;
        }

        var (file, downloaded) = await FetchAsync(box, cancellation).ConfigureAwait(false);
        await VerifyAsync(box, file, downloaded, cancellation).ConfigureAwait(false);

        ui.Detail("Unpacking the box...");
        using var unpacked = await _importer.UnpackAsync(file, box.Name, box.Provider ?? request.Provider, ui.Progress("Unpacking", new FileInfo(file).Length), cancellation).ConfigureAwait(false);
        foreach (var warning in unpacked.Warnings)
        {
            ui.Warn(warning);
        }

        if (AlreadyInstalled(box.Name, box.Version, unpacked.Metadata.Provider, box.Architecture) is { } existing)
        {
            return existing;
        }

        var installed = store.Install(unpacked, box.Name, box.Version, box.Architecture, box.MetadataUrl, request.Force);
        if (downloaded)
        {
            DeleteDownload(file);
        }

        ui.Success($"Successfully added box '{box.Name}' (v{box.Version}) for '{installed.Provider}' ({box.Architecture})!");
        return installed;
    }

    /// <summary>The box file: the local one, or a download under VNET_HOME (resumed unless <c>--clean</c>).</summary>
    private async Task<(string File, bool Downloaded)> FetchAsync(BoxCandidate box, CancellationToken cancellation)
    {
        if (box.Location.IsFile)
        {
            var local = box.Location.LocalPath;
            return File.Exists(local) ? (local, false) : throw new VnetException($"Box '{box.Name}': the file {local} does not exist.");
        }

        var file = BoxDownloader.DownloadPath(store.Paths, box.Location, box.Name);
        if (request.Clean)
        {
            DeleteDownload(file);
        }

        try
        {
            await downloader.DownloadAsync(box.Location, file, box.Name, ui, cancellation).ConfigureAwait(false);
        }
        catch (VnetException e) when (!e.Message.Contains($"'{box.Name}'", StringComparison.Ordinal))
        {
            throw new VnetException($"Box '{box.Name}' could not be downloaded: {e.Message} The box store is unchanged.", e);
        }

        return (file, true);
    }

    private async Task VerifyAsync(BoxCandidate box, string file, bool downloaded, CancellationToken cancellation)
    {
        if (box.Checksum is not { } checksum)
        {
            return;
        }

        ui.Detail($"Verifying the {checksum.Type} checksum...");
        try
        {
            await checksum.VerifyAsync(file, box.Name, cancellation).ConfigureAwait(false);
        }
        catch (VnetException) when (downloaded)
        {
            // A bad download must not be resumed next time.
            DeleteDownload(file);
            throw;
        }
    }

    private static void DeleteDownload(string file)
    {
        File.Delete(file);
        File.Delete(file + ".resume");
    }
}
