using System.Globalization;
using System.Text;

namespace VagrantNet.Sdk.Config;

/// <summary>Values from a Vagrantfile.csx as they may be shown on a terminal: quoted, with control characters escaped.</summary>
public static class UserText
{
    /// <summary><paramref name="value"/> in single quotes, each control character written as an escape (<c>\n</c>, <c>\0</c>, <c>\u001b</c>).</summary>
    public static string Quote(string? value) => value is null ? "null" : $"'{Escape(value)}'";

    /// <summary>
    /// A whole message made safe for a terminal: its lines and tabs kept, every other control character written as an
    /// escape (<c>\u001b</c>). The one escaper of vnet: script errors, compiler diagnostics and the CLI's stderr use it.
    /// </summary>
    public static string EscapeMessage(string text)
    {
        if (!text.Any(IsUnsafeInMessage))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(IsUnsafeInMessage(c) ? Escape(c.ToString()) : c.ToString());
        }

        return escaped.ToString();
    }

    private static bool IsUnsafeInMessage(char c) => char.IsControl(c) && c is not '\n' and not '\t';

    /// <summary><paramref name="value"/> with each control character written as an escape, so a message never moves the cursor or sets a colour.</summary>
    public static string Escape(string value)
    {
        if (!value.Any(char.IsControl))
        {
            return value;
        }

        var text = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\0' => "\\0",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }
}
