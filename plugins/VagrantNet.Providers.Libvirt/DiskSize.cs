using System.Globalization;

namespace VagrantNet.Providers.Libvirt;

/// <summary>Parses sizes written as vagrant-libvirt does ("10G", "512M", "1T", "20").</summary>
internal static class DiskSize
{
    public static bool TryParseGigabytes(string text, out double gigabytes)
    {
        gigabytes = 0;
        text = text.Trim();
        if (text.Length == 0)
        {
            return false;
        }

        var unit = char.ToUpperInvariant(text[^1]);
        var number = char.IsLetter(unit) ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return false;
        }

        gigabytes = unit switch
        {
            'M' => value / 1024,
            'T' => value * 1024,
            'G' => value,
            _ when char.IsDigit(unit) => value,
            _ => -1,
        };
        return gigabytes > 0;
    }

    public static ulong Bytes(double gigabytes) => (ulong)(gigabytes * 1024 * 1024 * 1024);
}
