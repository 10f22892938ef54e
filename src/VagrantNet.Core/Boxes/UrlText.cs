namespace VagrantNet.Core.Boxes;

/// <summary>URLs as they may be shown, logged or stored: a password in the user-info part never is.</summary>
public static class UrlText
{
    /// <summary><c>http://user:pass@host/x</c> becomes <c>http://user:****@host/x</c>; anything else is returned as it is.</summary>
    public static string Redact(Uri url)
    {
        if (!url.IsAbsoluteUri || url.UserInfo.Length == 0)
        {
            return url.IsAbsoluteUri ? url.AbsoluteUri : url.OriginalString;
        }

        var colon = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? url.UserInfo : url.UserInfo[..colon] + ":****";
        var bare = WithoutUserInfo(url);
        var afterScheme = bare.IndexOf("://", StringComparison.Ordinal) + 3;
        return bare[..afterScheme] + user + "@" + bare[afterScheme..];
    }

    /// <summary>Redacts text that is an absolute URL; other text (a file path, a box name) is returned as it is.</summary>
    public static string Redact(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.UserInfo.Length > 0 ? Redact(url) : text;

    /// <summary>The URL without its user-info at all: what is written to disk.</summary>
    public static string WithoutUserInfo(Uri url) =>
        url.UserInfo.Length == 0 ? url.AbsoluteUri : new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri.AbsoluteUri;
}
