using VagrantNet.Core.Conversion.Ruby;

namespace VagrantNet.Core.Conversion;

internal sealed partial class RubyTranslator
{
    private Cs Expression(RubyNode node) => node switch
    {
        RubyNil => new Cs("null", CsType.Object),
        RubyBool b => new Cs(b.Value ? "true" : "false", CsType.Bool),
        RubyInteger i => new Cs(i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), CsType.Int),
        RubyFloat f => new Cs(CsLiteral.Number(f.Value), CsType.Double),
        RubySymbol s => new Cs(CsLiteral.String(s.Name), CsType.String),
        RubyString s => StringLiteral(s),
        RubyRegex r => new Cs(CsLiteral.String(r.Pattern), CsType.String),
        RubyArray a => ArrayLiteral(a),
        RubyHash h => HashLiteral(h),
        RubyLocal l => Local(l),
        RubyConstant c => Constant(c),
        RubyIndex i => Index(i),
        RubyBinary b => Binary(b),
        RubyUnary { Operator: "!" } u => new Cs($"!({Condition(u.Operand)})", CsType.Bool),
        RubyUnary { Operator: "-" } u => new Cs("-" + Expression(u.Operand).Code, Expression(u.Operand).Type),
        RubyTernary t => Ternary(t),
        RubyCall c => CallExpression(c),
        RubyRange r => Range(r),
        RubyIf { Modifier: false } i => IfValue(i),
        RubyCase c => CaseValue(c),
        _ => throw Cannot(node, $"the Ruby {Kind(node)}"),
    };

    private static string Kind(RubyNode node) => node switch
    {
        RubyLambda => "lambda",
        RubyInstanceVariable => "instance variable",
        RubyBegin => "begin/rescue",
        RubyWhile => "loop",
        _ => node.GetType().Name.Replace("Ruby", string.Empty, StringComparison.Ordinal).ToLowerInvariant(),
    };

    private Cs StringLiteral(RubyString s)
    {
        var parts = s.Parts.Select(p => p is string text ? (object)text : Expression((RubyNode)p)).ToList();
        return new Cs(CsLiteral.Interpolated(parts, raw: s.Heredoc || (s.Literal?.Contains('\n') ?? false), indent: string.Empty), CsType.String);
    }

    private Cs Local(RubyLocal local)
    {
        if (local.Name == "self")
        {
            throw Cannot(local, "'self'");
        }

        var type = Lookup(local.Name) ?? throw Cannot(local, $"the variable '{local.Name}'");
        return new Cs(_aliases.TryGetValue(local.Name, out var alias) ? alias : CsLiteral.Name(local.Name), type);
    }

    private Cs Constant(RubyConstant constant)
    {
        if (constant.Scope is null && Lookup(constant.Name) is { } type)
        {
            return new Cs(constant.Name, type);
        }

        return constant switch
        {
            { Scope: RubyConstant { Name: "File" }, Name: "SEPARATOR" } => new Cs("\"/\"", CsType.String),
            _ => throw Cannot(constant, $"the constant '{constant.Name}'"),
        };
    }

    private Cs ArrayLiteral(RubyArray array)
    {
        if (array.Items.Count == 0)
        {
            return new Cs("new List<object>()", new CsType.Array(CsType.Object));
        }

        // An array of equal-length arrays iterated as |a, b| is a list of tuples in C#.
        if (array.Items.All(i => i is RubyArray inner && inner.Items.Count == ((RubyArray)array.Items[0]).Items.Count && inner.Items.Count > 1))
        {
            var rows = array.Items.Cast<RubyArray>().Select(r => r.Items.Select(Expression).ToList()).ToList();
            var types = rows[0].Select((_, k) => Unify(rows.Select(r => r[k].Type))).ToList();
            var code = rows.Select(r => "(" + string.Join(", ", r.Select((c, k) => Coerce(c, types[k], array).Code)) + ")");
            return new Cs("new[] { " + string.Join(", ", code) + " }", new CsType.Array(new CsType.Tuple(types)));
        }

        if (array.Items.All(i => i is RubyHash))
        {
            return HashArray(array);
        }

        var items = array.Items.Select(Expression).ToList();
        var element = Unify(items.Select(i => i.Type));
        var list = string.Join(", ", items.Select(i => Coerce(i, element, array).Code));
        return element == CsType.Object
            ? new Cs($"new object?[] {{ {list} }}", new CsType.Array(CsType.Object))
            : new Cs($"new[] {{ {list} }}", new CsType.Array(element));
    }

    /// <summary>Hashes in a list are records: anonymous objects of the same shape (a key one lacks is null there).</summary>
    private Cs HashArray(RubyArray array)
    {
        var hashes = array.Items.Cast<RubyHash>().ToList();
        var values = hashes.Select(h => h.Pairs.ToDictionary(p => RecordKey(p.Key) ?? throw Cannot(p.Key, "a hash key that is not a name"), p => Expression(p.Value))).ToList();
        var names = values.SelectMany(v => v.Keys).Distinct().ToList();
        var fields = names.Select(n =>
        {
            var type = Unify(values.Where(v => v.ContainsKey(n)).Select(v => v[n].Type));
            var optional = values.Any(v => !v.ContainsKey(n));
            return (Name: n, Type: type, Optional: optional);
        }).ToList();

        var objects = values.Select(v => "new { " + string.Join(", ", fields.Select(f =>
        {
            var value = v.TryGetValue(f.Name, out var given) ? Coerce(given, f.Type, array).Code : "null";
            var cast = f.Optional && (!f.Type.IsReference || value == "null") ? $"({f.Type.Name}?)" : string.Empty;
            return $"{CsLiteral.Name(f.Name)} = {cast}{value}";
        })) + " }");
        var shape = new CsType.Anonymous(fields.Select(f => (f.Name, f.Optional ? CsType.Optional(f.Type) : f.Type)).ToList());
        return new Cs("new[]\n{\n    " + string.Join(",\n    ", objects) + ",\n}", new CsType.Array(shape));
    }

    private static string? RecordKey(RubyNode key) => key switch
    {
        RubySymbol s when IsIdentifier(s.Name) => s.Name,
        RubyString { Literal: { } l } when IsIdentifier(l) => l,
        _ => null,
    };

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    private Cs HashLiteral(RubyHash hash)
    {
        if (hash.Pairs.Count == 0)
        {
            return new Cs("new Dictionary<string, object?>()", new CsType.Dictionary(CsType.String, CsType.Object));
        }

        // Symbol keys: a record (h[:ip] reads h.ip). String keys: a dictionary (a name => value table).
        if (hash.Pairs.All(p => p.Key is RubySymbol s && IsIdentifier(s.Name)))
        {
            var fields = hash.Pairs.Select(p => (Name: ((RubySymbol)p.Key).Name, Value: Expression(p.Value))).ToList();
            return new Cs(
                "new { " + string.Join(", ", fields.Select(f => $"{CsLiteral.Name(f.Name)} = {f.Value.Code}")) + " }",
                new CsType.Anonymous(fields.Select(f => (f.Name, f.Value.Type)).ToList()));
        }

        var keys = hash.Pairs.Select(p => Expression(p.Key)).ToList();
        var values = hash.Pairs.Select(p => p.Value is RubyHash h ? HashLiteral(h) : Expression(p.Value)).ToList();
        var keyType = Unify(keys.Select(k => k.Type));
        var valueType = Unify(values.Select(v => v.Type));
        if (valueType is CsType.Anonymous)
        {
            // A dictionary of records: the value type has no name in C#, so build it from pairs.
            var pairs = keys.Select((k, i) => $"KeyValuePair.Create({k.Code}, {values[i].Code})");
            return new Cs("new[]\n{\n    " + string.Join(",\n    ", pairs) + ",\n}.ToDictionary()", new CsType.Dictionary(keyType, valueType));
        }

        var entries = keys.Select((k, i) => $"[{k.Code}] = {Coerce(values[i], valueType, hash).Code}");
        return new Cs(
            $"new Dictionary<{keyType.Name}, {NullableName(valueType)}>\n{{\n    " + string.Join(",\n    ", entries) + ",\n}",
            new CsType.Dictionary(keyType, valueType));
    }

    private static string NullableName(CsType type) => type == CsType.Object ? "object?" : type.Name;

    /// <summary>The one type several values share; records of the same fields unify field by field.</summary>
    private static CsType Unify(IEnumerable<CsType> types)
    {
        var list = types.Where(t => t != CsType.Object || true).Distinct().ToList();
        if (list.Count == 1)
        {
            return list[0];
        }

        if (list.All(t => t == CsType.Int || t == CsType.Double))
        {
            return CsType.Double;
        }

        if (list.All(t => t is CsType.Anonymous))
        {
            var names = list.Cast<CsType.Anonymous>().SelectMany(a => a.Fields.Select(f => f.Name)).Distinct();
            return new CsType.Anonymous(names.Select(n => (n, Unify(list.Cast<CsType.Anonymous>().Select(a => a.Field(n)).OfType<CsType>()))).ToList());
        }

        if (list.All(t => t is CsType.Array))
        {
            return new CsType.Array(Unify(list.Cast<CsType.Array>().Select(a => a.Element)));
        }

        return CsType.Object;
    }

    /// <summary>A value made to fit a wanted type: an object from YAML read as text or a number, a word as a list of one.</summary>
    private Cs Coerce(Cs value, CsType wanted, RubyNode at)
    {
        if (value.Type == CsType.Yaml && wanted != CsType.Yaml)
        {
            return YamlCast(value, wanted) ?? throw Cannot(at, $"a value read from YAML where a {wanted.Name} is wanted");
        }

        if (value.Type == wanted || wanted == CsType.Object || value.Code == "null")
        {
            return value;
        }

        if (value.Type == CsType.Optional(wanted) && !wanted.IsReference)
        {
            // Ruby reads a missing key as nil and fails where a number is needed; so does the cast.
            return new Cs($"({wanted.Name}){value.Code}", wanted);
        }

        if (wanted == CsType.Double && value.Type == CsType.Int)
        {
            return new Cs(value.Code, CsType.Double);
        }

        if (value.Type == CsType.Object)
        {
            if (wanted == CsType.String)
            {
                return new Cs($"{value.Code}?.ToString()", CsType.String);
            }

            if (wanted == CsType.Int)
            {
                return new Cs($"Convert.ToInt32({value.Code})", CsType.Int);
            }

            if (wanted == CsType.Bool)
            {
                return new Cs($"Convert.ToBoolean({value.Code})", CsType.Bool);
            }
        }

        if (wanted is CsType.Array { Element: var element } && value.Type is not CsType.Array)
        {
            var item = Coerce(value, element, at);
            return new Cs($"[{item.Code}]", wanted);
        }

        if (wanted is CsType.Array { Element: var want } && value.Type is CsType.Array { Element: var have } && want != have && have == CsType.Object && want == CsType.String)
        {
            return new Cs($"{value.Code}.Select(x => x?.ToString()!).ToArray()", wanted);
        }

        if (wanted is CsType.Anonymous && value.Type is CsType.Anonymous)
        {
            return value;
        }

        if (wanted == CsType.String && value.Type == CsType.Int)
        {
            return new Cs($"{value.Code}.ToString()", CsType.String);
        }

        throw Cannot(at, $"a {value.Type.Name} where a {wanted.Name} is wanted");
    }

    private Cs Index(RubyIndex index)
    {
        if (index.Target is RubyConstant { Scope: null, Name: "ENV" } && index.Arguments.Count == 1)
        {
            var name = Expression(index.Arguments[0]);
            return new Cs($"Environment.GetEnvironmentVariable({name.Code})", CsType.String);
        }

        var target = Expression(index.Target);
        if (index.Arguments.Count != 1)
        {
            throw Cannot(index, "an index with several arguments");
        }

        var key = index.Arguments[0];
        if (target.Type == CsType.Yaml)
        {
            return YamlIndex(target, key);
        }

        switch (target.Type)
        {
            case CsType.Anonymous record when RecordKey(key) is { } field:
                return record.Field(field) is { } type
                    ? new Cs($"{target.Code}.{CsLiteral.Name(field)}", type)
                    : throw Cannot(key, $"the key '{field}', which the hash does not have");
            case CsType.Dictionary dict:
                return new Cs($"{target.Code}.GetValueOrDefault({Coerce(Expression(key), dict.Key, key).Code})", dict.Value);
            case CsType.Array array:
                {
                    var at = Expression(key);
                    return at.Code.StartsWith('-') && at.Type == CsType.Int
                        ? new Cs($"{target.Code}[^{at.Code[1..]}]", array.Element)
                        : new Cs($"{target.Code}[{Coerce(at, CsType.Int, key).Code}]", array.Element);
                }

            case CsType.ProviderSettings:
                return new Cs($"{target.Code}[{Expression(key).Code}]", CsType.Object);
            default:
                throw Cannot(index, $"indexing {Describe(target.Type)}");
        }
    }

    private Cs Binary(RubyBinary binary)
    {
        var left = Expression(binary.Left);
        if (binary.Operator is "||" or "&&")
        {
            var right = Expression(binary.Right);
            if (binary.Operator == "||" && left.Type == CsType.Yaml)
            {
                return YamlOr(left, right);
            }

            if (binary.Operator == "||" && left.Type != CsType.Bool)
            {
                // Ruby's `x || default`: the default where x is nil.
                var type = left.Type == CsType.Object ? right.Type : left.Type;
                var r = right.Type == left.Type || left.Type == CsType.Object ? right : Coerce(right, left.Type, binary.Right);
                return new Cs($"({left.Code} ?? {r.Code})", type);
            }

            return new Cs($"{Condition(binary.Left)} {binary.Operator} {Condition(binary.Right)}", CsType.Bool);
        }

        var rhs = Expression(binary.Right);
        switch (binary.Operator)
        {
            case "==" or "!=" when left.Type == CsType.Yaml && rhs.Type != CsType.Yaml:
                return new Cs($"{(rhs.Type == CsType.String ? left.Code + ".Text" : $"({rhs.Type.Name}?){left.Code}")} {binary.Operator} {rhs.Code}", CsType.Bool);
            case "==" or "!=":
                return new Cs($"{left.Code} {binary.Operator} {rhs.Code}", CsType.Bool);
            case "<" or ">" or "<=" or ">=":
                return new Cs($"{left.Code} {binary.Operator} {rhs.Code}", CsType.Bool);
            case "=~":
                return new Cs($"System.Text.RegularExpressions.Regex.IsMatch({left.Code} ?? \"\", {rhs.Code})", CsType.Bool);
            case "!~":
                return new Cs($"!System.Text.RegularExpressions.Regex.IsMatch({left.Code} ?? \"\", {rhs.Code})", CsType.Bool);
            case "+" when left.Type is CsType.Array && rhs.Type is CsType.Array:
                return new Cs($"{left.Code}.Concat({rhs.Code}).ToArray()", left.Type);
            case "+" or "-" or "*" or "/" or "%":
                if (binary.Operator == "%" && left.Type == CsType.String)
                {
                    return Format(binary, left, binary.Right);
                }

                var type = left.Type == CsType.String || rhs.Type == CsType.String ? CsType.String
                    : left.Type == CsType.Double || rhs.Type == CsType.Double ? CsType.Double : left.Type;
                var l = Binds(binary.Left, binary.Operator, right: false) ? left.Code : $"({left.Code})";
                var r = Binds(binary.Right, binary.Operator, right: true) ? rhs.Code : $"({rhs.Code})";
                return new Cs($"{l} {binary.Operator} {r}", type);
            case "**":
                return new Cs($"Math.Pow({left.Code}, {rhs.Code})", CsType.Double);
            default:
                throw Cannot(binary, $"the operator '{binary.Operator}'");
        }
    }

    private static int Precedence(string op) => op switch { "*" or "/" or "%" => 2, "+" or "-" => 1, _ => 0 };

    /// <summary>Whether an operand needs no parentheses beside <paramref name="op"/> (C# and Ruby share these precedences).</summary>
    private static bool Binds(RubyNode operand, string op, bool right) => operand switch
    {
        RubyBinary b when Precedence(b.Operator) > 0 => right ? Precedence(b.Operator) > Precedence(op) : Precedence(b.Operator) >= Precedence(op),
        RubyBinary or RubyTernary or RubyIf or RubyCase => false,
        _ => true,
    };

    private static string Parenthesized(Cs cs) => cs.Code.Contains(' ') && !cs.Code.StartsWith('(') && !cs.Code.StartsWith('$') && !cs.Code.StartsWith('"') ? $"({cs.Code})" : cs.Code;

    /// <summary>Ruby's <c>"%02d" % n</c> and <c>format(...)</c> for the directives Vagrantfiles use.</summary>
    private Cs Format(RubyNode at, Cs format, RubyNode arguments)
    {
        if (!format.Code.StartsWith('"'))
        {
            throw Cannot(at, "a format string that is not a literal");
        }

        var args = arguments is RubyArray a ? a.Items.Select(Expression).ToList() : [Expression(arguments)];
        var text = format.Code[1..^1];
        var result = new System.Text.StringBuilder("$\"");
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                result.Append(text[i] is '{' or '}' ? new string(text[i], 2) : text[i].ToString());
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '%')
            {
                result.Append('%');
                i++;
                continue;
            }

            var j = i + 1;
            var width = string.Empty;
            while (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                width += text[j++];
            }

            if (j >= text.Length || text[j] is not ('s' or 'd') || n >= args.Count)
            {
                throw Cannot(at, "this format directive");
            }

            var spec = text[j] == 'd' && width.StartsWith('0') ? ":D" + width.TrimStart('0') : width.Length > 0 ? "," + width : string.Empty;
            result.Append('{').Append(args[n++].Code).Append(spec).Append('}');
            i = j;
        }

        return new Cs(result.Append('"').ToString(), CsType.String);
    }

    private Cs Ternary(RubyTernary ternary)
    {
        var then = Expression(ternary.Then);
        var otherwise = Expression(ternary.Else);
        var type = Unify([then.Type, otherwise.Type]);
        return new Cs($"{Condition(ternary.Condition)} ? {Coerce(then, type, ternary.Then).Code} : {Coerce(otherwise, type, ternary.Else).Code}", type);
    }

    /// <summary>An <c>if</c> used as a value, each branch one expression: a ternary.</summary>
    private Cs IfValue(RubyIf branch)
    {
        if (branch.Then.Statements.Count != 1 || branch.Else is null or RubyBody { Statements.Count: not 1 })
        {
            throw Cannot(branch, "an 'if' used as a value whose branches are not one expression each");
        }

        var otherwise = branch.Else is RubyBody body ? body.Statements[0] : branch.Else;
        var condition = branch.Unless ? new RubyUnary(branch.At, "!", branch.Condition) : branch.Condition;
        return Ternary(new RubyTernary(branch.At, condition, branch.Then.Statements[0], otherwise));
    }

    /// <summary>A <c>case</c> used as a value, each branch one expression: a chain of ternaries.</summary>
    private Cs CaseValue(RubyCase @case)
    {
        if (@case.Subject is null || @case.Else is not { Statements.Count: 1 } || @case.Whens.Any(w => w.Body.Statements.Count != 1))
        {
            throw Cannot(@case, "a 'case' used as a value whose branches are not one expression each, with an else");
        }

        var subject = Expression(@case.Subject);
        var values = @case.Whens.Select(w => Expression(w.Body.Statements[0])).Append(Expression(@case.Else.Statements[0])).ToList();
        var type = Unify(values.Select(v => v.Type));
        var code = Coerce(values[^1], type, @case.Else).Code;
        for (var i = @case.Whens.Count - 1; i >= 0; i--)
        {
            var tests = string.Join(" || ", @case.Whens[i].Values.Select(v => $"{subject.Code} == {Expression(v).Code}"));
            code = $"{tests} ? {Coerce(values[i], type, @case.Whens[i].Body).Code}\n    : {code}";
        }

        return new Cs(code, type);
    }

    private Cs Range(RubyRange range)
    {
        var from = Coerce(Expression(range.From), CsType.Int, range.From);
        var to = Coerce(Expression(range.To), CsType.Int, range.To);
        var count = range.Exclusive ? $"{Parenthesized(to)} - {Parenthesized(from)}" : $"{Parenthesized(to)} - {Parenthesized(from)} + 1";
        if (from.Code == "0" && range.Exclusive)
        {
            count = to.Code;
        }
        else if (from.Code == "1" && !range.Exclusive)
        {
            count = to.Code;
        }

        return new Cs($"Enumerable.Range({from.Code}, {count})", new CsType.Array(CsType.Int));
    }

    /// <summary>A Ruby condition as a C# bool: only nil and false are false in Ruby.</summary>
    private string Condition(RubyNode node)
    {
        var value = Expression(node);
        if (value.Type == CsType.Bool)
        {
            return value.Code;
        }

        if (value.Type == CsType.Yaml)
        {
            return value.Code + ".Truthy";
        }

        return value.Type.IsReference
            ? (value.Type == CsType.Object ? $"{value.Code} is not (null or false)" : $"{value.Code} is not null")
            : "true";
    }

    private static string Not(string condition)
    {
        if (!condition.Contains("||", StringComparison.Ordinal) && !condition.Contains("&&", StringComparison.Ordinal) && !condition.Contains('?', StringComparison.Ordinal))
        {
            if (condition.EndsWith(" is not null", StringComparison.Ordinal))
            {
                return condition[..^" is not null".Length] + " is null";
            }

            if (condition.EndsWith(" is null", StringComparison.Ordinal))
            {
                return condition[..^" is null".Length] + " is not null";
            }
        }

        return condition.StartsWith("!(", StringComparison.Ordinal) && condition.EndsWith(')') ? condition[2..^1] : $"!({condition})";
    }
}
