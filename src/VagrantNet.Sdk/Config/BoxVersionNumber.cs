using System.Globalization;

namespace VagrantNet.Sdk.Config;

/// <summary>
/// A box version as Vagrant orders them (RubyGems rules): dot-separated segments compared one by one,
/// numbers numerically, missing segments as zero, and a letter segment marking a pre-release that
/// sorts before the plain release.
/// </summary>
public sealed class BoxVersionNumber : IComparable<BoxVersionNumber>, IEquatable<BoxVersionNumber>
{
    private readonly object[] _segments;
    private readonly object[] _written;

    private BoxVersionNumber(string text, object[] written)
    {
        Text = text;
        _written = written;
        _segments = Canonical([.. written]);
    }

    public string Text { get; }

    public bool IsPrerelease => _segments.Any(s => s is string);

    public static BoxVersionNumber Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a version number");

    public static bool TryParse(string? text, out BoxVersionNumber version)
    {
        version = null!;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.StartsWith('.') || text.EndsWith('.') || text.Contains(".."))
        {
            return false;
        }

        var segments = new List<object>();
        foreach (var part in text.Split('.'))
        {
            // "1.0.0rc1" splits into 1, 0, 0, "rc", 1 as RubyGems does.
            var i = 0;
            while (i < part.Length)
            {
                var start = i;
                var digits = char.IsAsciiDigit(part[i]);
                while (i < part.Length && char.IsAsciiDigit(part[i]) == digits)
                {
                    if (!char.IsAsciiLetterOrDigit(part[i]) && part[i] != '-')
                    {
                        return false;
                    }

                    i++;
                }

                var piece = part[start..i];
                if (digits)
                {
                    if (!long.TryParse(piece, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                    {
                        return false;
                    }

                    segments.Add(number);
                }
                else
                {
                    // "1.0-" or "1.-a" have an empty pre-release part; RubyGems rejects those too.
                    var label = piece.Trim('-');
                    if (label.Length == 0)
                    {
                        return false;
                    }

                    segments.Add(label);
                }
            }
        }

        if (segments.Count == 0 || segments[0] is not long)
        {
            return false;
        }

        version = new BoxVersionNumber(text, [.. segments]);
        return true;
    }

    /// <summary>
    /// RubyGems' canonical segments: trailing zeros of the release part and of the pre-release part dropped,
    /// so 1.0.a equals 1.a and 1.0 equals 1.
    /// </summary>
    private static object[] Canonical(List<object> segments)
    {
        var firstLabel = segments.FindIndex(s => s is string);
        var release = firstLabel < 0 ? segments : segments[..firstLabel];
        var prerelease = firstLabel < 0 ? [] : segments[firstLabel..];
        static IEnumerable<object> TrimZeros(List<object> part)
        {
            var end = part.Count;
            while (end > 1 && part[end - 1] is 0L)
            {
                end--;
            }

            return part.Take(end);
        }

        return [.. TrimZeros(release), .. prerelease.Count == 0 ? [] : TrimZeros(prerelease)];
    }

    /// <summary>The release part: the leading numbers, without any pre-release label (1.2.a gives 1.2).</summary>
    internal BoxVersionNumber Release()
    {
        var numbers = _written.TakeWhile(s => s is long).ToArray();
        return numbers.Length == _written.Length ? this : new BoxVersionNumber(string.Join('.', numbers), numbers);
    }

    public int CompareTo(BoxVersionNumber? other)
    {
        if (other is null)
        {
            return 1;
        }

        var length = Math.Max(_segments.Length, other._segments.Length);
        for (var i = 0; i < length; i++)
        {
            var a = i < _segments.Length ? _segments[i] : 0L;
            var b = i < other._segments.Length ? other._segments[i] : 0L;
            var order = (a, b) switch
            {
                (long x, long y) => x.CompareTo(y),
                (string x, string y) => string.CompareOrdinal(x, y),
                (string, long) => -1,
                _ => 1,
            };
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    /// <summary>The version the pessimistic operator <c>~&gt;</c> stops below: 1.2.3 gives 1.3.</summary>
    internal BoxVersionNumber Bump()
    {
        // As RubyGems, from the segments as written: ~> 1.2.0 stops below 1.3, ~> 1.2 below 2.
        var numbers = _written.TakeWhile(s => s is long).Cast<long>().ToList();
        if (numbers.Count > 1)
        {
            numbers.RemoveAt(numbers.Count - 1);
        }

        numbers[^1]++;
        return Parse(string.Join('.', numbers));
    }

    public bool Equals(BoxVersionNumber? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is BoxVersionNumber other && Equals(other);

    public override int GetHashCode()
    {
        var trimmed = _segments.Reverse().SkipWhile(s => s is 0L).Reverse();
        var hash = default(HashCode);
        foreach (var segment in trimmed)
        {
            hash.Add(segment);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => Text;

    public static bool operator ==(BoxVersionNumber? a, BoxVersionNumber? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(BoxVersionNumber? a, BoxVersionNumber? b) => !(a == b);

    public static bool operator <(BoxVersionNumber a, BoxVersionNumber b) => a.CompareTo(b) < 0;

    public static bool operator >(BoxVersionNumber a, BoxVersionNumber b) => a.CompareTo(b) > 0;

    public static bool operator <=(BoxVersionNumber a, BoxVersionNumber b) => a.CompareTo(b) <= 0;

    public static bool operator >=(BoxVersionNumber a, BoxVersionNumber b) => a.CompareTo(b) >= 0;
}
