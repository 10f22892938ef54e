using VagrantNet.Core.Conversion.Ruby;

namespace VagrantNet.Core.Conversion;

internal sealed partial class RubyTranslator
{
    private void Statements(RubyBody body)
    {
        for (var i = 0; i < body.Statements.Count; i++)
        {
            var statement = body.Statements[i];
            var endLine = i < body.EndLines.Count ? body.EndLines[i] : statement.At.Line;
            _out.CommentsBefore(statement.At.Line);
            _out.BlankLineBefore(statement.At.Line);
            try
            {
                Statement(statement);
                _out.TrailingCommentOn(endLine);
            }
            catch (NotConvertibleException e)
            {
                KeepAsComment(statement, endLine, e);
            }
        }
    }

    /// <summary>The Ruby of a statement that cannot be converted, in place, marked, and reported.</summary>
    private void KeepAsComment(RubyNode statement, int endLine, NotConvertibleException e)
    {
        Warn(e.Node, e.Message + " (kept as a comment)");
        _out.Line($"// vnet: not converted: {e.Message}");
        var margin = _out.RubyLines[statement.At.Line - 1].Length - _out.RubyLines[statement.At.Line - 1].TrimStart().Length;
        for (var line = statement.At.Line; line <= endLine && line <= _out.RubyLines.Length; line++)
        {
            var text = _out.RubyLines[line - 1].TrimEnd();
            var indent = text.Length - text.TrimStart().Length;
            _out.Line("//   " + text[Math.Min(margin, indent)..]);
        }

        _out.SkipCommentsThrough(endLine);
    }

    private void Statement(RubyNode node)
    {
        if (BoxInclude(node))
        {
            return;
        }

        switch (node)
        {
            case RubyCall call:
                CallStatement(call);
                break;
            case RubyAssign assign:
                Assignment(assign);
                break;
            case RubyOpAssign op:
                OpAssignment(op);
                break;
            case RubyIf branch:
                If(branch);
                break;
            case RubyCase @case:
                Case(@case);
                break;
            case RubyFor loop:
                For(loop);
                break;
            case RubyJump { Keyword: "next", Value: null }:
                _out.Line("continue;");
                break;
            case RubyJump { Keyword: "break", Value: null }:
                _out.Line("break;");
                break;
            case RubyDef def:
                throw Cannot(def, $"the method definition 'def {def.Name}' (write it as a C# local function)");
            case RubyClass @class:
                throw Cannot(@class, $"the {@class.Keyword} '{@class.Name}' (Vagrant plugins written in Ruby do not run in vnet)");
            case RubyBegin begin:
                throw Cannot(begin, "begin/rescue");
            case RubyWhile loop:
                throw Cannot(loop, $"the {(loop.Until ? "until" : "while")} loop");
            default:
                var expression = Expression(node);
                _out.Line(expression.Code + ";");
                break;
        }
    }

    private void Assignment(RubyAssign assign)
    {
        switch (assign.Target)
        {
            case RubyLocal local:
                {
                    var value = Expression(assign.Value);
                    if (value.Type == CsType.Void)
                    {
                        throw Cannot(assign.Value, "an assignment of a value that has no C# equivalent");
                    }

                    if (Lookup(local.Name) is null)
                    {
                        Declare(local.Name, value.Type);
                        _out.Line($"var {CsLiteral.Name(local.Name)} = {value.Code};");
                    }
                    else
                    {
                        _out.Line($"{CsLiteral.Name(local.Name)} = {value.Code};");
                    }

                    break;
                }

            case RubyConstant { Scope: null } constant:
                {
                    var value = Expression(assign.Value);
                    Declare(constant.Name, value.Type);
                    _out.Line($"var {constant.Name} = {value.Code};");
                    break;
                }

            case RubyCall { Receiver: { } receiver } attribute:
                AttributeAssignment(assign, receiver, attribute.Name);
                break;
            default:
                throw Cannot(assign, "this assignment");
        }
    }

    private void OpAssignment(RubyOpAssign op)
    {
        if (op.Target is not RubyLocal local || Lookup(local.Name) is not { } type)
        {
            throw Cannot(op, $"the '{op.Operator}=' assignment");
        }

        var value = Expression(op.Value);
        var name = CsLiteral.Name(local.Name);
        _out.Line(op.Operator switch
        {
            "||" => $"{name} ??= {value.Code};",
            "+" or "-" or "*" or "/" => $"{name} {op.Operator}= {value.Code};",
            _ => throw Cannot(op, $"the '{op.Operator}=' assignment"),
        });
        _ = type;
    }

    private void Block(RubyBody body, params (string Name, CsType Type)[] names) => Block(body, null, names);

    /// <summary>A braced C# block; <paramref name="close"/> replaces the closing brace (<c>});</c> after a lambda).</summary>
    private void Block(RubyBody body, string? close, params (string Name, CsType Type)[] names)
    {
        _out.Line("{");
        _out.Indent();
        InScope(() => Statements(body), names);
        _out.CommentsBefore(EndOf(body) + 1);
        _out.Outdent();
        _out.Line(close ?? "}");
    }

    /// <summary>The last line of a body, so the comments inside it stay inside it.</summary>
    private static int EndOf(RubyBody body) => body.EndLines.Count > 0 ? body.EndLines[^1] : body.At.Line;

    private void If(RubyIf branch)
    {
        var keyword = "if";
        RubyNode? current = branch;
        while (current is RubyIf node)
        {
            var condition = Condition(node.Condition);
            if (node.Unless)
            {
                condition = Not(condition);
            }

            _out.Line($"{keyword} ({condition})");
            Block(node.Then);
            keyword = "else if";
            current = node.Else;
        }

        if (current is RubyBody otherwise)
        {
            _out.Line("else");
            Block(otherwise);
        }
    }

    private void Case(RubyCase @case)
    {
        var subject = @case.Subject is null ? null : Expression(@case.Subject);
        var keyword = "if";
        foreach (var when in @case.Whens)
        {
            var tests = when.Values.Select(v => subject is null ? Condition(v) : $"{subject.Code} == {Expression(v).Code}");
            _out.Line($"{keyword} ({string.Join(" || ", tests)})");
            Block(when.Body);
            keyword = "else if";
        }

        if (@case.Else is not null)
        {
            _out.Line("else");
            Block(@case.Else);
        }
    }

    private void For(RubyFor loop)
    {
        var collection = Expression(loop.Collection);
        ForEach(loop, loop.Variables, collection, loop.Body);
    }

    /// <summary>
    /// A Ruby iteration as a C# foreach: each pass gets its own variable, which matters because the blocks inside
    /// (a machine's definition) run later, after the loop (a counting <c>for</c> would hand them all its last value).
    /// </summary>
    private void ForEach(RubyNode at, IReadOnlyList<string> parameters, Cs collection, RubyBody body)
    {
        if (collection.Type == CsType.Yaml && parameters.Count == 2)
        {
            // A YAML mapping walked as |key, value|, as a Ruby hash is.
            collection = new Cs(collection.Code + ".Pairs", new CsType.Array(new CsType.Dictionary(CsType.String, CsType.Yaml)));
        }

        var element = ElementOf(collection.Type);
        var names = new List<(string, CsType)>();
        string variables;
        if (parameters.Count == 1)
        {
            names.Add((parameters[0], element));
            variables = CsLiteral.Name(parameters[0]);
        }
        else if (element is CsType.Dictionary dict && parameters.Count == 2)
        {
            names.Add((parameters[0], dict.Key));
            names.Add((parameters[1], dict.Value));
            variables = $"({CsLiteral.Name(parameters[0])}, {CsLiteral.Name(parameters[1])})";
        }
        else if (element is CsType.Tuple tuple && tuple.Items.Count == parameters.Count)
        {
            names.AddRange(parameters.Select((p, i) => (p, tuple.Items[i])));
            variables = "(" + string.Join(", ", parameters.Select(CsLiteral.Name)) + ")";
        }
        else if (parameters.Count == 0)
        {
            variables = "_";
        }
        else
        {
            throw Cannot(at, $"iterating with |{string.Join(", ", parameters)}| over {Describe(collection.Type)}");
        }

        _out.Line($"foreach (var {variables} in {collection.Code})");
        Block(body, [.. names]);
    }

    /// <summary>What iterating a collection of this type yields (a dictionary yields its pairs, as a Ruby hash does).</summary>
    private static CsType ElementOf(CsType collection) => collection switch
    {
        CsType.Array a => a.Element,
        CsType.Dictionary d => d,
        _ when collection == CsType.Yaml => CsType.Yaml,
        _ => CsType.Object,
    };

    private static string Describe(CsType type) => type switch
    {
        CsType.Array => "a list",
        CsType.Dictionary => "a hash",
        CsType.Anonymous => "a hash",
        _ => "a " + type.Name,
    };
}
