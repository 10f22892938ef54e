using System.Globalization;
using System.Text;

namespace VagrantNet.Core.Conversion.Ruby;

/// <summary>
/// Splits Ruby source into tokens. Hand-written: no .NET library reads Ruby, and the converter needs only the lexical
/// rules Vagrantfiles meet (strings with <c>#{}</c>, heredocs, <c>%w[]</c>, symbols and labels, regex literals), each
/// decided the way Ruby decides it, from the previous token and the spacing. Comments go to <see cref="Comments"/>,
/// not into the token stream, so the converter can put them back at their lines.
/// </summary>
public sealed class RubyLexer
{
    private static readonly HashSet<string> Keywords =
    [
        "alias", "and", "begin", "break", "case", "class", "def", "defined?", "do", "else", "elsif", "end", "ensure",
        "false", "for", "if", "in", "module", "next", "nil", "not", "or", "redo", "rescue", "retry", "return", "self",
        "super", "then", "true", "undef", "unless", "until", "when", "while", "yield", "__FILE__", "__LINE__",
    ];

    // Longest first: the lexer takes the first that matches.
    private static readonly string[] Operators =
    [
        "**=", "<=>", "===", "...", "<<=", ">>=", "&&=", "||=",
        "**", "==", "!=", "=~", "!~", ">=", "<=", "&&", "||", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=",
        "::", "..", "->", "=>", "&.",
        "+", "-", "*", "/", "%", "=", "<", ">", "!", "&", "|", "^", "~", "?", ":", ",", ".", ";", "(", ")", "[", "]", "{", "}",
    ];

    private readonly string _text;
    private readonly int _lineOffset;
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private RubyToken? _previous;
    private readonly List<PendingHeredoc> _heredocs = [];
    private readonly List<RubyToken> _tokens = [];

    private RubyLexer(string text, int lineOffset = 0)
    {
        _text = text;
        _lineOffset = lineOffset;
    }

    /// <summary>The comments, in order, each with the position of its <c>#</c>.</summary>
    public List<RubyComment> Comments { get; } = [];

    /// <summary>Tokenizes a whole file; the last token is <see cref="RubyTokenKind.End"/>.</summary>
    public static (List<RubyToken> Tokens, List<RubyComment> Comments) Tokenize(string text)
    {
        var lexer = new RubyLexer(text.Replace("\r\n", "\n"));
        lexer.Run();
        return (lexer._tokens, lexer.Comments);
    }

    private void Run()
    {
        while (true)
        {
            var token = Next();
            if (token is null)
            {
                continue;
            }

            _tokens.Add(token);
            if (token.Kind == RubyTokenKind.End)
            {
                return;
            }
        }
    }

    private RubyPosition Here => new(_line + _lineOffset, _pos - _lineStart + 1);

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private bool AtLineStart => _pos == _lineStart;

    private RubyToken Emit(RubyToken token)
    {
        _previous = token;
        return token;
    }

    private void NewLine()
    {
        _pos++;
        _line++;
        _lineStart = _pos;
    }

    /// <summary>The next token, or null when only trivia (a comment, a skipped line) was read.</summary>
    private RubyToken? Next()
    {
        var spaceBefore = SkipSpaces();
        if (_pos >= _text.Length)
        {
            return Emit(new RubyToken(RubyTokenKind.End, string.Empty, Here, spaceBefore));
        }

        if (AtLineStart && Rest.StartsWith("=begin", StringComparison.Ordinal))
        {
            SkipBlockComment();
            return null;
        }

        if (AtLineStart && (Rest.StartsWith("__END__\n", StringComparison.Ordinal) || Rest == "__END__"))
        {
            _pos = _text.Length;
            return null;
        }

        var c = Peek();
        var at = Here;
        if (c == '#')
        {
            var end = _text.IndexOf('\n', _pos);
            end = end < 0 ? _text.Length : end;
            Comments.Add(new RubyComment(at, _text[(_pos + 1)..end].TrimEnd()));
            _pos = end;
            return null;
        }

        if (c == '\n')
        {
            NewLine();
            ReadHeredocBodies();
            if (_previous is null || _previous.Kind == RubyTokenKind.NewLine || NextLineContinuesChain())
            {
                return null;
            }

            return Emit(new RubyToken(RubyTokenKind.NewLine, "\n", at, spaceBefore));
        }

        if (c == '\\' && Peek(1) == '\n')
        {
            _pos++;
            NewLine();
            return null;
        }

        if (char.IsAsciiDigit(c))
        {
            return Emit(ReadNumber(at, spaceBefore));
        }

        if (c == '"' || c == '\'' || c == '`')
        {
            return Emit(ReadQuotedString(at, spaceBefore));
        }

        if (c == '@')
        {
            var start = ++_pos;
            if (Peek() == '@')
            {
                _pos++;
            }

            ReadIdentifierChars();
            return Emit(new RubyToken(RubyTokenKind.InstanceVariable, _text[start.._pos], at, spaceBefore));
        }

        if (c == '$')
        {
            var start = ++_pos;
            ReadIdentifierChars();
            if (_pos == start)
            {
                _pos++;
            }

            return Emit(new RubyToken(RubyTokenKind.GlobalVariable, _text[start.._pos], at, spaceBefore));
        }

        if (IsIdentifierStart(c))
        {
            return Emit(ReadWord(at, spaceBefore));
        }

        if (c == ':' && Peek(1) != ':' && ValueMayStart(spaceBefore) && (IsIdentifierStart(Peek(1)) || Peek(1) == '"' || Peek(1) == '\''))
        {
            return Emit(ReadSymbol(at, spaceBefore));
        }

        if (c == '<' && Peek(1) == '<' && ValueMayStart(spaceBefore) && TryReadHeredocStart(at, spaceBefore) is { } heredoc)
        {
            return Emit(heredoc);
        }

        if (c == '%' && ValueMayStart(spaceBefore) && TryReadPercentLiteral(at, spaceBefore) is { } percent)
        {
            return Emit(percent);
        }

        if (c == '/' && ValueMayStart(spaceBefore))
        {
            return Emit(ReadRegex(at, spaceBefore));
        }

        foreach (var op in Operators)
        {
            if (string.CompareOrdinal(_text, _pos, op, 0, op.Length) == 0)
            {
                _pos += op.Length;
                return Emit(new RubyToken(RubyTokenKind.Operator, op, at, spaceBefore));
            }
        }

        throw new RubySyntaxException(at, $"unexpected character '{c}'");
    }

    private string Rest => _text[_pos..Math.Min(_text.Length, _pos + 8)];

    private bool SkipSpaces()
    {
        var start = _pos;
        while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t' || _text[_pos] == '\r'))
        {
            _pos++;
        }

        return _pos > start || _previous is null || _previous.Kind == RubyTokenKind.NewLine;
    }

    private void SkipBlockComment()
    {
        while (_pos < _text.Length)
        {
            var end = _text.IndexOf('\n', _pos);
            var line = _text[_pos..(end < 0 ? _text.Length : end)];
            _pos = end < 0 ? _text.Length : end;
            if (_pos < _text.Length)
            {
                NewLine();
            }

            if (line.StartsWith("=end", StringComparison.Ordinal))
            {
                return;
            }
        }
    }

    /// <summary>A line that starts with <c>.method</c> or <c>&amp;.method</c> continues the previous line's expression.</summary>
    private bool NextLineContinuesChain()
    {
        var i = _pos;
        while (i < _text.Length && char.IsWhiteSpace(_text[i]))
        {
            i++;
        }

        return i + 1 < _text.Length && ((_text[i] == '.' && _text[i + 1] != '.') || (_text[i] == '&' && _text[i + 1] == '.'));
    }

    /// <summary>
    /// Whether a value may start here, which decides <c>:sym</c>, <c>/re/</c>, <c>%w[]</c> and heredocs against the
    /// operators they look like: after an operator, a keyword, a comma or the start of a line, or after a method name
    /// followed by a space when the next character is not (<c>puts /x/</c> against <c>a / b</c>).
    /// </summary>
    private bool ValueMayStart(bool spaceBefore)
    {
        if (_previous is null)
        {
            return true;
        }

        return _previous.Kind switch
        {
            RubyTokenKind.NewLine or RubyTokenKind.Label => true,
            RubyTokenKind.Operator => _previous.Text is not (")" or "]" or "}"),
            RubyTokenKind.Keyword => _previous.Text is not ("end" or "self" or "true" or "false" or "nil" or "__FILE__"),
            RubyTokenKind.Identifier => spaceBefore && Peek(1) != ' ' && Peek(1) != '=',
            _ => false,
        };
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_' || c > 127;

    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c > 127;

    private void ReadIdentifierChars()
    {
        while (_pos < _text.Length && IsIdentifierChar(_text[_pos]))
        {
            _pos++;
        }
    }

    private RubyToken ReadWord(RubyPosition at, bool spaceBefore)
    {
        var start = _pos;
        ReadIdentifierChars();
        if ((Peek() == '?' || Peek() == '!') && Peek(1) != '=' && Peek(1) != ':')
        {
            _pos++;
        }
        else if ((Peek() == '?' || Peek() == '!') && Peek(1) == '=' && Peek(2) == '=')
        {
            _pos++;
        }

        var word = _text[start.._pos];
        var afterDot = _previous is { Kind: RubyTokenKind.Operator, Text: "." or "&." };
        if (Peek() == ':' && Peek(1) != ':' && !afterDot && _previous?.Text != "?")
        {
            _pos++;
            return new RubyToken(RubyTokenKind.Label, word, at, spaceBefore);
        }

        if (!afterDot && Keywords.Contains(word))
        {
            return new RubyToken(RubyTokenKind.Keyword, word, at, spaceBefore);
        }

        if (word == "defined" && Peek() == '?')
        {
            _pos++;
            return new RubyToken(RubyTokenKind.Keyword, "defined?", at, spaceBefore);
        }

        return new RubyToken(char.IsAsciiLetterUpper(word[0]) ? RubyTokenKind.Constant : RubyTokenKind.Identifier, word, at, spaceBefore);
    }

    private RubyToken ReadNumber(RubyPosition at, bool spaceBefore)
    {
        var start = _pos;
        if (Peek() == '0' && (Peek(1) is 'x' or 'X' or 'b' or 'B' or 'o' or 'O'))
        {
            var radix = char.ToLowerInvariant(Peek(1)) switch { 'x' => 16, 'b' => 2, _ => 8 };
            _pos += 2;
            var digits = _pos;
            while (char.IsAsciiHexDigit(Peek()) || Peek() == '_')
            {
                _pos++;
            }

            var value = Convert.ToInt64(_text[digits.._pos].Replace("_", string.Empty), radix);
            return new RubyToken(RubyTokenKind.Integer, value.ToString(CultureInfo.InvariantCulture), at, spaceBefore);
        }

        var isFloat = false;
        while (char.IsAsciiDigit(Peek()) || (Peek() == '_' && char.IsAsciiDigit(Peek(1))))
        {
            _pos++;
        }

        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            isFloat = true;
            _pos++;
            while (char.IsAsciiDigit(Peek()) || (Peek() == '_' && char.IsAsciiDigit(Peek(1))))
            {
                _pos++;
            }
        }

        if ((Peek() == 'e' || Peek() == 'E') && (char.IsAsciiDigit(Peek(1)) || ((Peek(1) == '-' || Peek(1) == '+') && char.IsAsciiDigit(Peek(2)))))
        {
            isFloat = true;
            _pos += 2;
            while (char.IsAsciiDigit(Peek()))
            {
                _pos++;
            }
        }

        var text = _text[start.._pos].Replace("_", string.Empty);
        return new RubyToken(isFloat ? RubyTokenKind.Float : RubyTokenKind.Integer, text, at, spaceBefore);
    }

    private RubyToken ReadSymbol(RubyPosition at, bool spaceBefore)
    {
        _pos++;
        if (Peek() == '"' || Peek() == '\'')
        {
            var quoted = ReadQuotedString(Here, false);
            var literal = quoted.Parts.All(p => p is string) ? string.Concat(quoted.Parts.Cast<string>()) : null;
            return literal is null
                ? throw new RubySyntaxException(at, "a symbol with interpolation (:\"...#{}\") is not supported")
                : new RubyToken(RubyTokenKind.Symbol, literal, at, spaceBefore);
        }

        var start = _pos;
        ReadIdentifierChars();
        if (Peek() is '?' or '!' or '=' && Peek(1) != '=' && Peek(1) != '>')
        {
            _pos++;
        }

        return new RubyToken(RubyTokenKind.Symbol, _text[start.._pos], at, spaceBefore);
    }

    private RubyToken ReadQuotedString(RubyPosition at, bool spaceBefore)
    {
        var quote = _text[_pos++];
        var token = new RubyToken(RubyTokenKind.String, quote == '`' ? "`" : "\"", at, spaceBefore);
        ReadStringBody(token.Parts, quote, null, interpolate: quote != '\'', rawSingle: quote == '\'');

        // "key": value is a label, as key: is.
        if (quote != '`' && Peek() == ':' && Peek(1) != ':' && _previous?.Text != "?" && token.Parts.All(p => p is string))
        {
            _pos++;
            return new RubyToken(RubyTokenKind.Label, string.Concat(token.Parts.Cast<string>()), at, spaceBefore);
        }

        return token;
    }

    /// <summary>Reads up to the closing delimiter (nesting when it pairs with <paramref name="open"/>) into parts.</summary>
    private void ReadStringBody(List<object> parts, char close, char? open, bool interpolate, bool rawSingle)
    {
        var text = new StringBuilder();
        var depth = 0;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new RubySyntaxException(Here, $"a string is not closed (missing {close})");
            }

            var c = _text[_pos];
            if (c == '\n')
            {
                text.Append(c);
                NewLine();
                continue;
            }

            if (open is not null && c == open)
            {
                depth++;
            }
            else if (c == close)
            {
                if (depth == 0)
                {
                    _pos++;
                    break;
                }

                depth--;
            }

            if (c == '\\')
            {
                _pos++;
                var e = Peek();
                if (rawSingle)
                {
                    text.Append(e == close || e == '\\' || (open is not null && e == open) ? e.ToString() : "\\" + e);
                    _pos++;
                }
                else if (e == '\n')
                {
                    NewLine();
                }
                else
                {
                    text.Append(ReadEscape());
                }

                continue;
            }

            if (interpolate && c == '#' && Peek(1) == '{')
            {
                if (text.Length > 0)
                {
                    parts.Add(text.ToString());
                    text.Clear();
                }

                _pos += 2;
                parts.Add(ReadInterpolation());
                continue;
            }

            text.Append(c);
            _pos++;
        }

        if (text.Length > 0 || parts.Count == 0)
        {
            parts.Add(text.ToString());
        }
    }

    private string ReadEscape()
    {
        var e = _text[_pos++];
        switch (e)
        {
            case 'n': return "\n";
            case 't': return "\t";
            case 's': return " ";
            case 'r': return "\r";
            case '0': return "\0";
            case 'e': return "\u001b";
            case 'a': return "\a";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'v': return "\v";
            case 'u' when Peek() == '{':
                {
                    var end = _text.IndexOf('}', _pos);
                    var code = _text[(_pos + 1)..end];
                    _pos = end + 1;
                    return char.ConvertFromUtf32(int.Parse(code, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }

            case 'u':
                {
                    var code = _text.Substring(_pos, 4);
                    _pos += 4;
                    return ((char)int.Parse(code, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString();
                }

            case 'x':
                {
                    var start = _pos;
                    while (_pos - start < 2 && char.IsAsciiHexDigit(Peek()))
                    {
                        _pos++;
                    }

                    return ((char)int.Parse(_text[start.._pos], NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString();
                }

            default: return e.ToString();
        }
    }

    /// <summary>The tokens of one <c>#{...}</c>, read with this lexer up to the brace that closes it.</summary>
    private List<RubyToken> ReadInterpolation()
    {
        var tokens = new List<RubyToken>();
        var saved = _previous;
        _previous = null;
        var depth = 0;
        while (true)
        {
            var token = Next();
            if (token is null)
            {
                continue;
            }

            if (token.Kind == RubyTokenKind.End)
            {
                throw new RubySyntaxException(token.At, "a #{...} interpolation is not closed");
            }

            if (token.IsOperator("{"))
            {
                depth++;
            }
            else if (token.IsOperator("}"))
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }

            tokens.Add(token);
        }

        tokens.Add(new RubyToken(RubyTokenKind.End, string.Empty, Here, false));
        _previous = saved;
        return tokens;
    }

    private RubyToken? TryReadHeredocStart(RubyPosition at, bool spaceBefore)
    {
        var i = _pos + 2;
        var squiggly = false;
        var dash = false;
        if (i < _text.Length && (_text[i] == '~' || _text[i] == '-'))
        {
            squiggly = _text[i] == '~';
            dash = _text[i] == '-';
            i++;
        }

        var raw = false;
        char? quote = i < _text.Length && _text[i] is '\'' or '"' ? _text[i] : null;
        if (quote is not null)
        {
            raw = quote == '\'';
            i++;
        }

        var start = i;
        while (i < _text.Length && IsIdentifierChar(_text[i]))
        {
            i++;
        }

        if (i == start || (quote is null && !squiggly && !dash && !char.IsAsciiLetterUpper(_text[start])))
        {
            return null;
        }

        var id = _text[start..i];
        if (quote is not null)
        {
            if (i >= _text.Length || _text[i] != quote)
            {
                return null;
            }

            i++;
        }

        _pos = i;
        var token = new RubyToken(RubyTokenKind.String, "\"", at, spaceBefore) { Heredoc = true };
        _heredocs.Add(new PendingHeredoc(token, id, squiggly, squiggly || dash, raw));
        return token;
    }

    /// <summary>Reads the bodies of the heredocs opened on the line just ended, in order.</summary>
    private void ReadHeredocBodies()
    {
        foreach (var heredoc in _heredocs)
        {
            var lines = new List<string>();
            var firstLine = _line;
            while (true)
            {
                if (_pos >= _text.Length)
                {
                    throw new RubySyntaxException(heredoc.Token.At, $"the heredoc <<{heredoc.Id} is never closed (no line '{heredoc.Id}')");
                }

                var end = _text.IndexOf('\n', _pos);
                var line = _text[_pos..(end < 0 ? _text.Length : end)];
                _pos = end < 0 ? _text.Length : end;
                if (_pos < _text.Length)
                {
                    NewLine();
                }

                if ((heredoc.Indented ? line.Trim() : line) == heredoc.Id)
                {
                    heredoc.Token.HeredocEndLine = _line - 1 + _lineOffset;
                    break;
                }

                lines.Add(line);
            }

            if (heredoc.Squiggly)
            {
                var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart(' ', '\t').Length).DefaultIfEmpty(0).Min();
                lines = lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart(' ', '\t')).ToList();
            }

            var body = lines.Count == 0 ? string.Empty : string.Join('\n', lines) + "\n";
            if (heredoc.Raw)
            {
                heredoc.Token.Parts.Add(body);
                continue;
            }

            var sub = new RubyLexer(body + "\u0001", firstLine - 1 + _lineOffset);
            sub.ReadStringBody(heredoc.Token.Parts, '\u0001', null, interpolate: true, rawSingle: false);
        }

        _heredocs.Clear();
    }

    private RubyToken? TryReadPercentLiteral(RubyPosition at, bool spaceBefore)
    {
        var kind = Peek(1);
        var hasKind = char.IsAsciiLetter(kind);
        var open = hasKind ? Peek(2) : kind;
        if (open is not ('(' or '[' or '{' or '<' or '|' or '!' or '/'))
        {
            return null;
        }

        if (hasKind && kind is not ('w' or 'W' or 'i' or 'I' or 'q' or 'Q' or 'r'))
        {
            return null;
        }

        char close = open switch { '(' => ')', '[' => ']', '{' => '}', '<' => '>', _ => open };
        char? nest = close == open ? null : open;
        _pos += hasKind ? 3 : 2;
        if (kind is 'w' or 'W' or 'i' or 'I')
        {
            var parts = new List<object>();
            ReadStringBody(parts, close, nest, interpolate: false, rawSingle: true);
            var words = new RubyToken(RubyTokenKind.Words, "%" + kind, at, spaceBefore) { SymbolWords = kind is 'i' or 'I' };
            words.Words.AddRange(string.Concat(parts.Cast<string>()).Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
            return words;
        }

        if (kind == 'r')
        {
            var parts = new List<object>();
            ReadStringBody(parts, close, nest, interpolate: false, rawSingle: true);
            return new RubyToken(RubyTokenKind.Regex, string.Concat(parts.Cast<string>()) + "/" + ReadRegexFlags(), at, spaceBefore);
        }

        var token = new RubyToken(RubyTokenKind.String, "\"", at, spaceBefore);
        ReadStringBody(token.Parts, close, nest, interpolate: kind != 'q', rawSingle: kind == 'q');
        return token;
    }

    private RubyToken ReadRegex(RubyPosition at, bool spaceBefore)
    {
        _pos++;
        var pattern = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw new RubySyntaxException(at, "a regular expression is not closed (missing /)");
            }

            var c = _text[_pos++];
            if (c == '\\' && _pos < _text.Length)
            {
                pattern.Append(c).Append(_text[_pos++]);
                continue;
            }

            if (c == '/')
            {
                break;
            }

            pattern.Append(c);
        }

        // The text is "pattern/flags": the parser splits at the last slash.
        return new RubyToken(RubyTokenKind.Regex, pattern + "/" + ReadRegexFlags(), at, spaceBefore);
    }

    private string ReadRegexFlags()
    {
        var start = _pos;
        while (Peek() is 'i' or 'm' or 'x' or 'o' or 'u' or 'n')
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private sealed record PendingHeredoc(RubyToken Token, string Id, bool Squiggly, bool Indented, bool Raw);
}
