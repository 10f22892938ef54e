namespace VagrantNet.Core.Boxes;

/// <summary>Reads a box catalog from a local file or a URL, bounded in size either way.</summary>
internal static class BoxCatalogReader
{
    public static async Task<BoxCatalog> ReadAsync(Uri url, BoxDownloader downloader, CancellationToken cancellation)
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
}
