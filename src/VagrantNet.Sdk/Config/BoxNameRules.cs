using System.Text.RegularExpressions;

namespace VagrantNet.Sdk.Config;

/// <summary>What <c>vm.box</c> and <c>vm.box_url</c> may hold: a name becomes directories in the box store, a URL is fetched.</summary>
internal static partial class BoxNameRules
{
    public static bool IsValid(string name) =>
        name.Length <= 200 && !name.Contains("..", StringComparison.Ordinal) && NamePattern().IsMatch(name);

    /// <summary>Why <paramref name="url"/> cannot be a box URL, or null when it can: an http(s) or file URL, or an existing file.</summary>
    public static string? UrlProblem(string? url, Func<string, string> projectPath)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "is empty";
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute))
        {
            return absolute.Scheme switch
            {
                "http" or "https" when absolute.Host.Length > 0 => null,
                "file" => null,
                "http" or "https" => "has no host",
                _ => $"uses the scheme '{absolute.Scheme}'; a box URL is http://, https:// or file://, or the path of a box file",
            };
        }

        return url.Any(char.IsControl) || !File.Exists(projectPath(url))
            ? "is neither an http://, https:// or file:// URL nor an existing box file"
            : null;
    }

    public static string Printable(string text) => string.Concat(text.Take(200).Select(c => char.IsControl(c) ? '?' : c));

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$")]
    private static partial Regex NamePattern();
}
