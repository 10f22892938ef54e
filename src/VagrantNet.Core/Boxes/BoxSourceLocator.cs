namespace VagrantNet.Core.Boxes;

/// <summary>Turns what the user typed for a box into a URL: an existing file, a URL, or an <c>org/name</c> on the catalog server.</summary>
internal static class BoxSourceLocator
{
    public static Uri Locate(string source, string serverUrl)
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
            var server = serverUrl.TrimEnd('/');
            if (!Uri.TryCreate(server + "/" + source, UriKind.Absolute, out var catalog))
            {
                throw new VnetException($"VNET_SERVER_URL '{server}' is not a valid URL.");
            }

            return catalog;
        }

        throw new VnetException($"The box '{UrlText.Redact(source)}' could not be found: it is not a file, not an http(s):// or file:// URL, and not an org/name on the catalog server.");
    }

    /// <summary>Whether a local file is a catalog (JSON) rather than a box archive, from its first kilobyte.</summary>
    public static bool IsCatalogFile(string path)
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
}
