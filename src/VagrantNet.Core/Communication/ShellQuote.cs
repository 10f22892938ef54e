namespace VagrantNet.Core.Communication;

/// <summary>Quoting for POSIX shells in the guest.</summary>
public static class ShellQuote
{
    /// <summary>Quotes <paramref name="value"/> as one word: <c>it's</c> becomes <c>'it'\''s'</c>.</summary>
    public static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=' or '@' or ',' or '+')
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Joins <paramref name="words"/>, each quoted.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}
