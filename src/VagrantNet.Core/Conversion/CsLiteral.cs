using System.Globalization;
using System.Text;

namespace VagrantNet.Core.Conversion;

/// <summary>C# spellings of literals and names.</summary>
internal static class CsLiteral
{
    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override", "params",
        "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof",
        "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong",
        "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    ];

    /// <summary>A Ruby local, constant or <c>$global</c> as a C# name (a keyword gets its <c>@</c>).</summary>
    public static string Name(string ruby)
    {
        ruby = ruby.TrimStart('$');
        return Keywords.Contains(ruby) ? "@" + ruby : ruby;
    }

    /// <summary><c>box_check_update</c> as <c>BoxCheckUpdate</c>.</summary>
    public static string Pascal(string snake) =>
        string.Concat(snake.TrimEnd('?', '!', '=').Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    public static string String(string text)
    {
        var s = new StringBuilder("\"");
        foreach (var c in text)
        {
            s.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return s.Append('"').ToString();
    }

    /// <summary>
    /// A string with interpolation holes, from parts that are text or C# expressions. Text that spans lines (a
    /// heredoc: an inline script) becomes a raw string literal, so the script reads as it did in Ruby.
    /// </summary>
    public static string Interpolated(IReadOnlyList<object> parts, bool raw, string indent)
    {
        var holes = parts.Any(p => p is Cs);
        var text = string.Concat(parts.Select(p => p as string ?? string.Empty));
        if (!raw || !text.Contains('\n'))
        {
            if (!holes)
            {
                return String(text);
            }

            var s = new StringBuilder("$\"");
            foreach (var part in parts)
            {
                if (part is Cs cs)
                {
                    s.Append('{').Append(cs.Code.Contains(':') || cs.Code.Contains('?') ? "(" + cs.Code + ")" : cs.Code).Append('}');
                }
                else
                {
                    s.Append(String((string)part)[1..^1].Replace("{", "{{").Replace("}", "}}"));
                }
            }

            return s.Append('"').ToString();
        }

        // Raw literal: enough quotes that none inside closes it, enough dollars that no brace inside opens a hole.
        var quotes = Math.Max(3, LongestRun(text, '"') + 1);
        var dollars = holes ? Math.Max(LongestRun(text, '{'), LongestRun(text, '}')) + 1 : 0;
        var open = new string('{', dollars);
        var close = new string('}', dollars);
        var body = new StringBuilder();
        foreach (var part in parts)
        {
            body.Append(part is Cs cs ? open + cs.Code + close : (string)part);
        }

        // A raw literal's last line break (before the closing quotes) is not part of the text: a heredoc's final newline
        // is kept by the empty line the split leaves before them, so the script is the same bytes Ruby gives.
        var content = body.ToString();
        var q = new string('"', quotes);
        var lines = content.Split('\n').Select(l => l.Length == 0 ? l : indent + l);
        return new string('$', dollars) + q + "\n" + string.Join("\n", lines) + "\n" + indent + q;
    }

    private static int LongestRun(string text, char c)
    {
        int best = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            best = Math.Max(best, run);
        }

        return best;
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
