using System.Globalization;
using VagrantNet.Core.Conversion.Ruby;

namespace VagrantNet.Tests.Conversion;

/// <summary>Prints a Ruby syntax tree as one S-expression line, so parser tests assert the whole shape at once.</summary>
internal static class RubyTree
{
    public static string Of(string ruby)
    {
        var (body, _) = RubyParser.Parse(ruby);
        return string.Join(" ", body.Statements.Select(Print));
    }

    public static string Print(RubyNode node) => node switch
    {
        RubyBody b => "(body " + string.Join(" ", b.Statements.Select(Print)) + ")",
        RubyNil => "nil",
        RubyBool b => b.Value ? "true" : "false",
        RubyInteger i => i.Value.ToString(CultureInfo.InvariantCulture),
        RubyFloat f => f.Text,
        RubySymbol s => ":" + s.Name,
        RubyString s => "\"" + string.Concat(s.Parts.Select(p => p is string t ? t.Replace("\n", "\\n") : "#{" + Print((RubyNode)p) + "}")) + "\"",
        RubyRegex r => "/" + r.Pattern + "/" + r.Flags,
        RubyArray a => "[" + string.Join(" ", a.Items.Select(Print)) + "]",
        RubyHash h => (h.Braced ? "{" : "{{") + string.Join(" ", h.Pairs.Select(p => Print(p.Key) + "=>" + Print(p.Value))) + (h.Braced ? "}" : "}}"),
        RubyRange r => "(" + Print(r.From) + (r.Exclusive ? "..." : "..") + Print(r.To) + ")",
        RubyLocal l => l.Name,
        RubyConstant c => (c.Scope is null ? string.Empty : Print(c.Scope) + "::") + c.Name,
        RubyInstanceVariable v => "@" + v.Name,
        RubyCall c => "(call " + (c.Receiver is null ? "-" : Print(c.Receiver)) + " " + c.Name
            + string.Concat(c.Arguments.Select(a => " " + Print(a)))
            + (c.Block is null ? string.Empty : " " + Print(c.Block)) + ")",
        RubyBlock b => "(block |" + string.Join(",", b.Parameters) + "| " + string.Join(" ", b.Body.Statements.Select(Print)) + ")",
        RubyIndex i => "(index " + Print(i.Target) + string.Concat(i.Arguments.Select(a => " " + Print(a))) + ")",
        RubyAssign a => "(= " + Print(a.Target) + " " + Print(a.Value) + ")",
        RubyOpAssign a => "(" + a.Operator + "= " + Print(a.Target) + " " + Print(a.Value) + ")",
        RubyMultiAssign m => "(= (" + string.Join(" ", m.Targets.Select(Print)) + ") " + Print(m.Value) + ")",
        RubyBinary b => "(" + b.Operator + " " + Print(b.Left) + " " + Print(b.Right) + ")",
        RubyUnary u => "(" + u.Operator + " " + Print(u.Operand) + ")",
        RubyTernary t => "(? " + Print(t.Condition) + " " + Print(t.Then) + " " + Print(t.Else) + ")",
        RubyIf i => "(" + (i.Unless ? "unless " : "if ") + Print(i.Condition) + " " + Print(i.Then) + (i.Else is null ? string.Empty : " " + Print(i.Else)) + ")",
        RubyCase c => "(case " + (c.Subject is null ? "-" : Print(c.Subject)) + string.Concat(c.Whens.Select(w => " (when " + string.Join(" ", w.Values.Select(Print)) + " " + Print(w.Body) + ")")) + (c.Else is null ? string.Empty : " " + Print(c.Else)) + ")",
        RubyWhile w => "(" + (w.Until ? "until " : "while ") + Print(w.Condition) + " " + Print(w.Body) + ")",
        RubyFor f => "(for " + string.Join(",", f.Variables) + " " + Print(f.Collection) + " " + Print(f.Body) + ")",
        RubyBegin b => "(begin " + Print(b.Body) + (b.Rescue is null ? string.Empty : " (rescue " + Print(b.Rescue) + ")") + ")",
        RubyDef d => "(def " + d.Name + " |" + string.Join(",", d.Parameters) + "| " + Print(d.Body) + ")",
        RubyLambda l => "(lambda |" + string.Join(",", l.Parameters) + "| " + Print(l.Body) + ")",
        RubyJump j => "(" + j.Keyword + (j.Value is null ? string.Empty : " " + Print(j.Value)) + ")",
        RubyClass c => "(" + c.Keyword + " " + c.Name + " " + Print(c.Body) + ")",
        _ => node.GetType().Name,
    };
}
