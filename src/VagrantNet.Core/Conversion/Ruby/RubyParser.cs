using System.Globalization;

namespace VagrantNet.Core.Conversion.Ruby;

/// <summary>
/// A recursive-descent parser for the Ruby that Vagrantfiles use. Hand-written because no .NET library parses Ruby.
/// It follows Ruby's own rules where Vagrantfiles depend on them: calls without parentheses (<c>config.vm.network
/// :private_network, ip: "x"</c>), a <c>do</c> block binding to the outermost call of a command while a brace block
/// binds to the nearest, <c>foo [1]</c> (an argument) against <c>foo[1]</c> (an index), and a name being a local
/// variable once it was assigned or is a block parameter. Anything else is a <see cref="RubySyntaxException"/> with
/// its position.
/// </summary>
public sealed class RubyParser
{
    private readonly List<RubyToken> _tokens;
    private int _i;
    private readonly List<HashSet<string>> _scopes = [[]];

    // Inside the arguments of a command call written without parentheses, a `do` belongs to that command.
    private int _commandArgumentDepth;

    private RubyParser(List<RubyToken> tokens) => _tokens = tokens;

    /// <summary>Parses a whole file into its statements, and returns its comments beside them.</summary>
    public static (RubyBody Body, IReadOnlyList<RubyComment> Comments) Parse(string text)
    {
        var (tokens, comments) = RubyLexer.Tokenize(text);
        var parser = new RubyParser(tokens);
        var body = parser.ParseBody();
        if (parser.Current.Kind != RubyTokenKind.End)
        {
            throw parser.Unexpected();
        }

        return (body, comments);
    }

    private RubyToken Current => _tokens[_i];

    private RubyToken PeekToken(int ahead = 1) => _tokens[Math.Min(_i + ahead, _tokens.Count - 1)];

    private RubyToken Advance() => _tokens[_i++];

    private bool AtOperator(string text) => Current.IsOperator(text);

    private bool AtKeyword(string text) => Current.IsKeyword(text);

    private RubySyntaxException Unexpected(string? expected = null)
    {
        var what = Current.Kind switch
        {
            RubyTokenKind.End => "the end of the file",
            RubyTokenKind.NewLine => "the end of the line",
            RubyTokenKind.String => "a string",
            _ => $"'{Current.Text}'",
        };
        return new RubySyntaxException(Current.At, expected is null ? $"unexpected {what}" : $"expected {expected}, found {what}");
    }

    private RubyToken Expect(string op)
    {
        if (!AtOperator(op))
        {
            throw Unexpected($"'{op}'");
        }

        return Advance();
    }

    private void ExpectKeyword(string keyword, RubyToken opener)
    {
        SkipTerminators();
        if (!AtKeyword(keyword))
        {
            throw new RubySyntaxException(
                Current.At,
                Current.Kind == RubyTokenKind.End
                    ? $"'{opener.Text}' at line {opener.At.Line} is never closed with '{keyword}'"
                    : $"expected '{keyword}' to close '{opener.Text}' at line {opener.At.Line}, found '{Current.Text}'");
        }

        Advance();
    }

    private void SkipNewLines()
    {
        while (Current.Kind == RubyTokenKind.NewLine)
        {
            _i++;
        }
    }

    private void SkipTerminators()
    {
        while (Current.Kind == RubyTokenKind.NewLine || AtOperator(";"))
        {
            _i++;
        }
    }

    private bool IsLocal(string name) => _scopes.Any(s => s.Contains(name));

    private void Declare(string name) => _scopes[^1].Add(name);

    private T InScope<T>(IEnumerable<string> names, Func<T> parse, bool isolated = false)
    {
        var scope = new HashSet<string>(names);
        var saved = isolated ? _scopes.ToList() : null;
        if (isolated)
        {
            _scopes.Clear();
        }

        _scopes.Add(scope);
        try
        {
            return parse();
        }
        finally
        {
            _scopes.RemoveAt(_scopes.Count - 1);
            if (saved is not null)
            {
                _scopes.Clear();
                _scopes.AddRange(saved);
            }
        }
    }

    // ---- statements ----

    private static readonly HashSet<string> BodyEnders = ["end", "else", "elsif", "when", "rescue", "ensure", "in"];

    private RubyBody ParseBody(bool brace = false)
    {
        var at = Current.At;
        var statements = new List<RubyNode>();
        var endLines = new List<int>();
        while (true)
        {
            SkipTerminators();
            if (Current.Kind == RubyTokenKind.End
                || (Current.Kind == RubyTokenKind.Keyword && BodyEnders.Contains(Current.Text))
                || (brace && AtOperator("}"))
                || AtOperator(")"))
            {
                break;
            }

            var first = _i;
            statements.Add(ParseStatement());
            endLines.Add(EndLineOf(first, _i));
            if (Current.Kind is not (RubyTokenKind.NewLine or RubyTokenKind.End)
                && !AtOperator(";")
                && !(brace && AtOperator("}"))
                && !AtOperator(")")
                && !(Current.Kind == RubyTokenKind.Keyword && BodyEnders.Contains(Current.Text)))
            {
                throw Unexpected();
            }
        }

        return new RubyBody(at, statements) { EndLines = endLines };
    }

    private int EndLineOf(int first, int next)
    {
        var end = _tokens[Math.Max(first, next - 1)].At.Line;
        for (var k = first; k < next; k++)
        {
            end = Math.Max(end, _tokens[k].HeredocEndLine);
            foreach (var part in _tokens[k].Parts)
            {
                if (part is List<RubyToken> inner)
                {
                    end = Math.Max(end, inner.Max(t => Math.Max(t.At.Line, t.HeredocEndLine)));
                }
            }
        }

        return end;
    }

    private RubyNode ParseStatement()
    {
        var statement = TryParseMultiAssign() ?? ParseNotExpression();
        while (Current.Kind == RubyTokenKind.Keyword && Current.Text is "if" or "unless" or "while" or "until" or "rescue")
        {
            var keyword = Advance();
            var condition = ParseNotExpression();
            var body = new RubyBody(statement.At, [statement]);
            statement = keyword.Text switch
            {
                "if" => new RubyIf(statement.At, condition, body, null, Modifier: true),
                "unless" => new RubyIf(statement.At, condition, body, null, Unless: true, Modifier: true),
                "while" => new RubyWhile(statement.At, condition, body),
                "until" => new RubyWhile(statement.At, condition, body, Until: true),
                _ => new RubyBegin(statement.At, body, new RubyBody(condition.At, [condition]), null),
            };
        }

        return statement;
    }

    private RubyNode? TryParseMultiAssign()
    {
        if (Current.Kind != RubyTokenKind.Identifier || !PeekToken().IsOperator(","))
        {
            return null;
        }

        var j = _i;
        var names = new List<RubyToken>();
        while (_tokens[j].Kind == RubyTokenKind.Identifier)
        {
            names.Add(_tokens[j]);
            if (_tokens[j + 1].IsOperator(","))
            {
                j += 2;
                continue;
            }

            if (_tokens[j + 1].IsOperator("=") && names.Count > 1)
            {
                _i = j + 2;
                SkipNewLines();
                var value = ParseExpression();
                if (AtOperator(","))
                {
                    var items = new List<RubyNode> { value };
                    while (AtOperator(","))
                    {
                        Advance();
                        items.Add(ParseExpression());
                    }

                    value = new RubyArray(value.At, items);
                }

                foreach (var name in names)
                {
                    Declare(name.Text);
                }

                return new RubyMultiAssign(names[0].At, names.Select(n => (RubyNode)new RubyLocal(n.At, n.Text)).ToList(), value);
            }

            break;
        }

        return null;
    }

    private RubyNode ParseNotExpression()
    {
        var left = AtKeyword("not") ? ParseKeywordNot() : ParseExpression();
        while (Current.Kind == RubyTokenKind.Keyword && Current.Text is "and" or "or")
        {
            var op = Advance().Text == "and" ? "&&" : "||";
            SkipNewLines();
            var right = AtKeyword("not") ? ParseKeywordNot() : ParseExpression();
            left = new RubyBinary(left.At, op, left, right);
        }

        return left;
    }

    private RubyNode ParseKeywordNot()
    {
        var at = Advance().At;
        return new RubyUnary(at, "!", ParseExpression());
    }

    // ---- expressions, lowest precedence first ----

    private RubyNode ParseExpression() => ParseAssignment();

    private RubyNode ParseAssignment()
    {
        var left = ParseTernary();
        if (AtOperator("=") && IsAssignable(left))
        {
            Advance();
            SkipNewLines();
            var target = AsAssignTarget(left);
            var value = ParseAssignment();
            if (target is RubyLocal local)
            {
                Declare(local.Name);
            }

            return new RubyAssign(left.At, target, value);
        }

        if (Current.Kind == RubyTokenKind.Operator && Current.Text.Length >= 2 && Current.Text[^1] == '='
            && Current.Text is not ("==" or "!=" or ">=" or "<=" or "===" or "=~") && IsAssignable(left))
        {
            var op = Advance().Text[..^1];
            SkipNewLines();
            var target = AsAssignTarget(left);
            if (target is RubyLocal local)
            {
                Declare(local.Name);
            }

            return new RubyOpAssign(left.At, target, op, ParseAssignment());
        }

        return left;
    }

    private static bool IsAssignable(RubyNode node) => node switch
    {
        RubyLocal or RubyConstant or RubyIndex or RubyInstanceVariable => true,
        RubyCall { Arguments.Count: 0, Block: null } => true,
        _ => false,
    };

    private static RubyNode AsAssignTarget(RubyNode node) =>
        node is RubyCall { Receiver: null } call ? new RubyLocal(call.At, call.Name) : node;

    private RubyNode ParseTernary()
    {
        var condition = ParseRange();
        if (!AtOperator("?"))
        {
            return condition;
        }

        Advance();
        SkipNewLines();
        var then = ParseTernary();
        SkipNewLines();
        // `a ? b : c` where the lexer read `b:` as a label cannot happen: it refuses labels right after `?`.
        Expect(":");
        SkipNewLines();
        var otherwise = ParseTernary();
        return new RubyTernary(condition.At, condition, then, otherwise);
    }

    private RubyNode ParseRange()
    {
        var from = ParseBinary(0);
        if (AtOperator("..") || AtOperator("..."))
        {
            var exclusive = Advance().Text == "...";
            var to = ParseBinary(0);
            return new RubyRange(from.At, from, to, exclusive);
        }

        return from;
    }

    private static readonly string[][] BinaryLevels =
    [
        ["||"],
        ["&&"],
        ["<=>", "==", "===", "!=", "=~", "!~"],
        ["<", "<=", ">", ">="],
        ["|", "^"],
        ["&"],
        ["<<", ">>"],
        ["+", "-"],
        ["*", "/", "%"],
    ];

    private RubyNode ParseBinary(int level)
    {
        if (level == BinaryLevels.Length)
        {
            return ParseUnaryMinus();
        }

        var left = ParseBinary(level + 1);
        while (Current.Kind == RubyTokenKind.Operator && BinaryLevels[level].Contains(Current.Text))
        {
            var op = Advance().Text;
            SkipNewLines();
            var right = ParseBinary(level + 1);
            left = new RubyBinary(left.At, op, left, right);
        }

        return left;
    }

    private RubyNode ParseUnaryMinus()
    {
        if (AtOperator("-"))
        {
            var at = Advance().At;
            var operand = ParseUnaryMinus();
            return operand switch
            {
                RubyInteger i => new RubyInteger(at, -i.Value),
                RubyFloat f => new RubyFloat(at, -f.Value, "-" + f.Text),
                _ => new RubyUnary(at, "-", operand),
            };
        }

        return ParsePower();
    }

    private RubyNode ParsePower()
    {
        var left = ParseUnary();
        if (AtOperator("**"))
        {
            Advance();
            SkipNewLines();
            return new RubyBinary(left.At, "**", left, ParseUnaryMinus());
        }

        return left;
    }

    private RubyNode ParseUnary()
    {
        if (AtOperator("!") || AtOperator("~") || AtOperator("+"))
        {
            var token = Advance();
            var operand = ParseUnary();
            return token.Text == "+" ? operand : new RubyUnary(token.At, token.Text, operand);
        }

        if (AtOperator("&") || AtOperator("*") || AtOperator("**"))
        {
            // Splat and block-pass, in argument lists and array literals.
            var token = Advance();
            return new RubyUnary(token.At, token.Text, ParseUnary());
        }

        return ParsePostfix(ParsePrimary());
    }

    // ---- postfix: calls, indexes, scopes ----

    private RubyNode ParsePostfix(RubyNode node)
    {
        while (true)
        {
            if (AtOperator(".") || AtOperator("&."))
            {
                var safe = Advance().Text == "&.";
                SkipNewLines();
                if (AtOperator("("))
                {
                    node = ParseCallRest(node, "call", Current.At, safe);
                    continue;
                }

                if (Current.Kind is not (RubyTokenKind.Identifier or RubyTokenKind.Constant or RubyTokenKind.Keyword or RubyTokenKind.Label))
                {
                    throw Unexpected("a method name after '.'");
                }

                var name = Current;
                if (name.Kind == RubyTokenKind.Label)
                {
                    throw new RubySyntaxException(name.At, $"'{name.Text}:' after '.': write a space after the colon of a ternary");
                }

                Advance();
                node = ParseCallRest(node, name.Text, name.At, safe);
                continue;
            }

            if (AtOperator("::"))
            {
                Advance();
                var name = Advance();
                node = name.Kind == RubyTokenKind.Constant && !AtOperator("(")
                    ? new RubyConstant(node.At, node, name.Text)
                    : ParseCallRest(node, name.Text, name.At, false);
                continue;
            }

            if (AtOperator("[") && (!Current.SpaceBefore || node is RubyLocal or RubyConstant or RubyIndex))
            {
                Advance();
                var args = ParseArgumentsUntil("]");
                node = new RubyIndex(node.At, node, args);
                continue;
            }

            return node;
        }
    }

    /// <summary>After a method name: parenthesized or command arguments, then a block.</summary>
    private RubyNode ParseCallRest(RubyNode? receiver, string name, RubyPosition at, bool safe)
    {
        List<RubyNode> args = [];
        var command = false;
        if (AtOperator("(") && !Current.SpaceBefore)
        {
            Advance();
            var saved = _commandArgumentDepth;
            _commandArgumentDepth = 0;
            args = ParseArgumentsUntil(")");
            _commandArgumentDepth = saved;
        }
        else if (CanStartCommandArgument())
        {
            command = true;
            _commandArgumentDepth++;
            try
            {
                args = ParseCommandArguments();
            }
            finally
            {
                _commandArgumentDepth--;
            }
        }

        var block = ParseBlockIfAny(command);
        var call = new RubyCall(at, receiver, name, args, block, safe);
        if (receiver is null && name is "lambda" or "proc" && block is not null && args.Count == 0)
        {
            return new RubyLambda(at, block.Parameters, block.Body);
        }

        return call;
    }

    private RubyBlock? ParseBlockIfAny(bool afterCommand)
    {
        if (AtOperator("{") && !afterCommand)
        {
            var open = Advance();
            var parameters = ParseBlockParameters();
            var body = InScope(parameters, () => ParseBody(brace: true));
            SkipNewLines();
            Expect("}");
            return new RubyBlock(open.At, parameters, body);
        }

        if (AtKeyword("do") && _commandArgumentDepth == 0)
        {
            var open = Advance();
            var parameters = ParseBlockParameters();
            var body = InScope(parameters, () => ParseBody());
            ExpectKeyword("end", open);
            return new RubyBlock(open.At, parameters, body);
        }

        return null;
    }

    private List<string> ParseBlockParameters()
    {
        var names = new List<string>();
        SkipNewLines();
        if (!AtOperator("|") && !AtOperator("||"))
        {
            return names;
        }

        if (Advance().Text == "||")
        {
            return names;
        }

        ParseParameterList(names, "|");
        return names;
    }

    /// <summary>Block or method parameters up to <paramref name="close"/>: names, <c>(a, b)</c>, <c>*r</c>, <c>&amp;b</c>, defaults.</summary>
    private void ParseParameterList(List<string> names, string close)
    {
        while (!AtOperator(close))
        {
            if (AtOperator("("))
            {
                Advance();
                ParseParameterList(names, ")");
            }
            else
            {
                if (AtOperator("*") || AtOperator("&") || AtOperator("**"))
                {
                    Advance();
                }

                var name = Advance();
                if (name.Kind is not (RubyTokenKind.Identifier or RubyTokenKind.Label))
                {
                    throw new RubySyntaxException(name.At, $"expected a parameter name, found '{name.Text}'");
                }

                names.Add(name.Text);
                if (name.Kind == RubyTokenKind.Label && !AtOperator(",") && !AtOperator(close))
                {
                    ParseTernary();
                }

                if (AtOperator("="))
                {
                    Advance();
                    ParseTernary();
                }
            }

            if (AtOperator(","))
            {
                Advance();
                SkipNewLines();
            }
            else if (!AtOperator(close))
            {
                throw Unexpected($"',' or '{close}'");
            }
        }

        Advance();
    }

    private bool CanStartCommandArgument()
    {
        var t = Current;
        if (!t.SpaceBefore)
        {
            return false;
        }

        var next = PeekToken();
        return t.Kind switch
        {
            RubyTokenKind.Identifier or RubyTokenKind.Constant or RubyTokenKind.Integer or RubyTokenKind.Float
                or RubyTokenKind.String or RubyTokenKind.Symbol or RubyTokenKind.Label or RubyTokenKind.Words
                or RubyTokenKind.Regex or RubyTokenKind.InstanceVariable or RubyTokenKind.GlobalVariable => true,
            RubyTokenKind.Keyword => t.Text is "nil" or "true" or "false" or "self" or "not" or "defined?" or "__FILE__" or "lambda",
            RubyTokenKind.Operator => t.Text switch
            {
                "[" or "->" or "!" or "(" => true,
                "-" or "*" or "&" or "**" or "::" or ":" => !next.SpaceBefore,
                _ => false,
            },
            _ => false,
        };
    }

    private List<RubyNode> ParseCommandArguments()
    {
        var args = new List<RubyNode>();
        var pairs = new List<RubyPair>();
        while (true)
        {
            ParseArgument(args, pairs);
            if (!AtOperator(","))
            {
                break;
            }

            Advance();
            SkipNewLines();
        }

        if (pairs.Count > 0)
        {
            args.Add(new RubyHash(pairs[0].Key.At, pairs, Braced: false));
        }

        return args;
    }

    private List<RubyNode> ParseArgumentsUntil(string close)
    {
        var args = new List<RubyNode>();
        var pairs = new List<RubyPair>();
        SkipNewLines();
        while (!AtOperator(close))
        {
            ParseArgument(args, pairs);
            SkipNewLines();
            if (AtOperator(","))
            {
                Advance();
                SkipNewLines();
            }
            else if (!AtOperator(close))
            {
                throw Unexpected($"',' or '{close}'");
            }
        }

        Advance();
        if (pairs.Count > 0)
        {
            args.Add(new RubyHash(pairs[0].Key.At, pairs, Braced: false));
        }

        return args;
    }

    private void ParseArgument(List<RubyNode> args, List<RubyPair> pairs)
    {
        if (Current.Kind == RubyTokenKind.Label)
        {
            var label = Advance();
            SkipNewLines();
            pairs.Add(new RubyPair(new RubySymbol(label.At, label.Text), ParseNotExpressionNoStatement()));
            return;
        }

        var value = ParseNotExpressionNoStatement();
        if (AtOperator("=>"))
        {
            Advance();
            SkipNewLines();
            pairs.Add(new RubyPair(value, ParseNotExpressionNoStatement()));
            return;
        }

        args.Add(value);
    }

    private RubyNode ParseNotExpressionNoStatement() => AtKeyword("not") ? ParseKeywordNot() : ParseExpression();

    // ---- primaries ----

    private RubyNode ParsePrimary()
    {
        var t = Current;
        switch (t.Kind)
        {
            case RubyTokenKind.Integer:
                Advance();
                return new RubyInteger(t.At, long.Parse(t.Text, CultureInfo.InvariantCulture));
            case RubyTokenKind.Float:
                Advance();
                return new RubyFloat(t.At, double.Parse(t.Text, CultureInfo.InvariantCulture), t.Text);
            case RubyTokenKind.String:
                Advance();
                return StringNode(t);
            case RubyTokenKind.Symbol:
                Advance();
                return new RubySymbol(t.At, t.Text);
            case RubyTokenKind.Regex:
                {
                    Advance();
                    var slash = t.Text.LastIndexOf('/');
                    return new RubyRegex(t.At, t.Text[..slash], t.Text[(slash + 1)..]);
                }

            case RubyTokenKind.Words:
                Advance();
                return new RubyArray(t.At, t.Words.Select(w => t.SymbolWords ? (RubyNode)new RubySymbol(t.At, w) : new RubyString(t.At, [w])).ToList());
            case RubyTokenKind.InstanceVariable:
                Advance();
                return new RubyInstanceVariable(t.At, t.Text);
            case RubyTokenKind.GlobalVariable:
                Advance();
                return new RubyLocal(t.At, "$" + t.Text);
            case RubyTokenKind.Constant:
                Advance();
                if (AtOperator("(") && !Current.SpaceBefore)
                {
                    return ParseCallRest(null, t.Text, t.At, false);
                }

                return new RubyConstant(t.At, null, t.Text);
            case RubyTokenKind.Identifier:
                Advance();
                if (IsLocal(t.Text) && !(AtOperator("(") && !Current.SpaceBefore))
                {
                    return new RubyLocal(t.At, t.Text);
                }

                return ParseCallRest(null, t.Text, t.At, false);
            case RubyTokenKind.Label:
                throw new RubySyntaxException(t.At, $"'{t.Text}:' is a hash key outside a hash or an argument list");
            case RubyTokenKind.Keyword:
                return ParseKeyword();
            case RubyTokenKind.Operator:
                return ParseOperatorPrimary();
            default:
                throw Unexpected();
        }
    }

    private RubyNode StringNode(RubyToken t)
    {
        var parts = new List<object>();
        foreach (var part in t.Parts)
        {
            if (part is string text)
            {
                parts.Add(text);
                continue;
            }

            var inner = new RubyParser((List<RubyToken>)part);
            inner._scopes.Clear();
            inner._scopes.AddRange(_scopes);
            var body = inner.ParseBody();
            parts.Add(body.Statements.Count == 1 ? body.Statements[0] : body);
        }

        RubyNode node = new RubyString(t.At, parts, t.Heredoc);
        if (t.Text == "`")
        {
            node = new RubyCall(t.At, null, "`", [node], null);
        }

        // Adjacent literals concatenate: "a" "b".
        while (Current.Kind == RubyTokenKind.String && Current.Text == "\"" && !Current.Heredoc && node is RubyString left)
        {
            var right = (RubyString)StringNode(Advance());
            node = new RubyString(left.At, [.. left.Parts, .. right.Parts]);
        }

        return node;
    }

    private RubyNode ParseOperatorPrimary()
    {
        var t = Current;
        switch (t.Text)
        {
            case "(":
                {
                    Advance();
                    var body = ParseBody();
                    SkipNewLines();
                    Expect(")");
                    return body.Statements.Count == 1 ? body.Statements[0] : body;
                }

            case "[":
                {
                    Advance();
                    var items = ParseArgumentsUntil("]");
                    return new RubyArray(t.At, items.SelectMany(i => i is RubyHash { Braced: false } h ? [new RubyHash(h.At, h.Pairs, true)] : new[] { i }).ToList());
                }

            case "{":
                return ParseHashLiteral();
            case "->":
                {
                    Advance();
                    var parameters = new List<string>();
                    if (AtOperator("("))
                    {
                        Advance();
                        ParseParameterList(parameters, ")");
                    }
                    else
                    {
                        while (Current.Kind == RubyTokenKind.Identifier)
                        {
                            parameters.Add(Advance().Text);
                            if (AtOperator(","))
                            {
                                Advance();
                            }
                        }
                    }

                    RubyBody body;
                    if (AtOperator("{"))
                    {
                        var open = Advance();
                        body = InScope(parameters, () => ParseBody(brace: true));
                        SkipNewLines();
                        Expect("}");
                        _ = open;
                    }
                    else if (AtKeyword("do"))
                    {
                        var open = Advance();
                        body = InScope(parameters, () => ParseBody());
                        ExpectKeyword("end", open);
                    }
                    else
                    {
                        throw Unexpected("'{' or 'do' after '->'");
                    }

                    return new RubyLambda(t.At, parameters, body);
                }

            case "::":
                {
                    Advance();
                    var name = Advance();
                    return new RubyConstant(t.At, null, name.Text);
                }

            default:
                throw Unexpected();
        }
    }

    private RubyHash ParseHashLiteral()
    {
        var open = Expect("{");
        var pairs = new List<RubyPair>();
        SkipNewLines();
        while (!AtOperator("}"))
        {
            if (Current.Kind == RubyTokenKind.Label)
            {
                var label = Advance();
                SkipNewLines();
                pairs.Add(new RubyPair(new RubySymbol(label.At, label.Text), ParseExpression()));
            }
            else if (AtOperator("**"))
            {
                var splat = Advance();
                pairs.Add(new RubyPair(new RubyUnary(splat.At, "**", ParseUnary()), new RubyNil(splat.At)));
            }
            else
            {
                var key = ParseExpression();
                SkipNewLines();
                Expect("=>");
                SkipNewLines();
                pairs.Add(new RubyPair(key, ParseExpression()));
            }

            SkipNewLines();
            if (AtOperator(","))
            {
                Advance();
                SkipNewLines();
            }
            else if (!AtOperator("}"))
            {
                throw Unexpected("',' or '}' in the hash");
            }
        }

        Advance();
        return new RubyHash(open.At, pairs, Braced: true);
    }

    private RubyNode ParseKeyword()
    {
        var t = Advance();
        switch (t.Text)
        {
            case "nil": return new RubyNil(t.At);
            case "true": return new RubyBool(t.At, true);
            case "false": return new RubyBool(t.At, false);
            case "self": return new RubyLocal(t.At, "self");
            case "__FILE__": return new RubyCall(t.At, null, "__FILE__", [], null);
            case "__LINE__": return new RubyInteger(t.At, t.At.Line);
            case "if":
            case "unless":
                return ParseIf(t);
            case "while":
            case "until":
                {
                    var condition = ParseNotExpressionNoStatementNoDo();
                    if (AtKeyword("do"))
                    {
                        Advance();
                    }

                    var body = ParseBody();
                    ExpectKeyword("end", t);
                    return new RubyWhile(t.At, condition, body, t.Text == "until");
                }

            case "for":
                {
                    var names = new List<string>();
                    do
                    {
                        if (AtOperator(","))
                        {
                            Advance();
                        }

                        names.Add(Advance().Text);
                    }
                    while (AtOperator(","));

                    if (!AtKeyword("in"))
                    {
                        throw Unexpected("'in'");
                    }

                    Advance();
                    var collection = ParseNotExpressionNoStatementNoDo();
                    if (AtKeyword("do"))
                    {
                        Advance();
                    }

                    foreach (var name in names)
                    {
                        Declare(name);
                    }

                    var body = ParseBody();
                    ExpectKeyword("end", t);
                    return new RubyFor(t.At, names, collection, body);
                }

            case "case":
                return ParseCase(t);
            case "begin":
                return ParseBegin(t);
            case "def":
                return ParseDef(t);
            case "class":
            case "module":
                {
                    var name = Advance().Text;
                    while (AtOperator("::"))
                    {
                        Advance();
                        name += "::" + Advance().Text;
                    }

                    if (AtOperator("<"))
                    {
                        Advance();
                        ParseTernary();
                    }

                    var body = InScope([], () => ParseBody(), isolated: true);
                    ExpectKeyword("end", t);
                    return new RubyClass(t.At, t.Text, name, body);
                }

            case "return":
            case "next":
            case "break":
                {
                    RubyNode? value = Current.Kind is RubyTokenKind.NewLine or RubyTokenKind.End || AtOperator(";") || AtOperator("}")
                        || Current.Kind == RubyTokenKind.Keyword && Current.Text is "if" or "unless" or "end"
                        ? null
                        : ParseExpression();
                    return new RubyJump(t.At, t.Text, value);
                }

            case "defined?":
                {
                    var paren = AtOperator("(");
                    if (paren)
                    {
                        Advance();
                    }

                    var operand = ParseExpression();
                    if (paren)
                    {
                        Expect(")");
                    }

                    return new RubyCall(t.At, null, "defined?", [operand], null);
                }

            case "yield":
            case "super":
                return ParseCallRest(null, t.Text, t.At, false);
            default:
                _i--;
                throw Unexpected();
        }
    }

    /// <summary>A condition of <c>while</c>/<c>for</c>, where a <c>do</c> is the loop's, not a block.</summary>
    private RubyNode ParseNotExpressionNoStatementNoDo()
    {
        _commandArgumentDepth++;
        try
        {
            return ParseNotExpression();
        }
        finally
        {
            _commandArgumentDepth--;
        }
    }

    private RubyIf ParseIf(RubyToken opener)
    {
        var condition = ParseNotExpression();
        if (AtKeyword("then"))
        {
            Advance();
        }

        var then = ParseBody();
        RubyNode? otherwise = null;
        if (AtKeyword("elsif"))
        {
            var elsif = Advance();
            otherwise = ParseIf(elsif);
            return new RubyIf(opener.At, condition, then, otherwise, opener.Text == "unless");
        }

        if (AtKeyword("else"))
        {
            Advance();
            otherwise = ParseBody();
        }

        ExpectKeyword("end", opener);
        return new RubyIf(opener.At, condition, then, otherwise, opener.Text == "unless");
    }

    private RubyCase ParseCase(RubyToken opener)
    {
        RubyNode? subject = Current.Kind == RubyTokenKind.NewLine ? null : ParseExpression();
        SkipTerminators();
        var whens = new List<RubyWhen>();
        while (AtKeyword("when"))
        {
            Advance();
            var values = new List<RubyNode> { ParseTernary() };
            while (AtOperator(","))
            {
                Advance();
                SkipNewLines();
                values.Add(ParseTernary());
            }

            if (AtKeyword("then"))
            {
                Advance();
            }

            whens.Add(new RubyWhen(values, ParseBody()));
        }

        RubyBody? otherwise = null;
        if (AtKeyword("else"))
        {
            Advance();
            otherwise = ParseBody();
        }

        ExpectKeyword("end", opener);
        return new RubyCase(opener.At, subject, whens, otherwise);
    }

    private RubyBegin ParseBegin(RubyToken opener)
    {
        var body = ParseBody();
        RubyBody? rescue = null;
        RubyBody? ensure = null;
        while (AtKeyword("rescue"))
        {
            Advance();
            // The exception classes are not kept: a converted file has no exceptions to tell apart.
            while (Current.Kind is RubyTokenKind.Constant)
            {
                ParsePostfix(ParsePrimary());
                if (AtOperator(","))
                {
                    Advance();
                }
            }

            if (AtOperator("=>"))
            {
                Advance();
                Declare(Advance().Text);
            }

            rescue = ParseBody();
        }

        if (AtKeyword("else"))
        {
            Advance();
            ParseBody();
        }

        if (AtKeyword("ensure"))
        {
            Advance();
            ensure = ParseBody();
        }

        ExpectKeyword("end", opener);
        return new RubyBegin(opener.At, body, rescue, ensure);
    }

    private RubyDef ParseDef(RubyToken opener)
    {
        var name = Advance().Text;
        if (name == "self" && AtOperator("."))
        {
            Advance();
            name = "self." + Advance().Text;
        }

        var parameters = new List<string>();
        if (AtOperator("("))
        {
            Advance();
            ParseParameterList(parameters, ")");
        }
        else
        {
            while (Current.Kind == RubyTokenKind.Identifier)
            {
                parameters.Add(Advance().Text);
                if (AtOperator(","))
                {
                    Advance();
                }
            }
        }

        var body = InScope(parameters, () => ParseBody(), isolated: true);
        ExpectKeyword("end", opener);
        return new RubyDef(opener.At, name, parameters, body);
    }
}
