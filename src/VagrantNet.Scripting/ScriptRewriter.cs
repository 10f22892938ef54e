using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace VagrantNet.Scripting;

/// <summary>
/// Prepares a script's source before it is compiled: every method, local function, accessor and lambda body starts with
/// <c>RuntimeHelpers.EnsureSufficientExecutionStack()</c>, so runaway recursion throws a catchable
/// <see cref="InsufficientExecutionStackException"/> instead of killing vnet with a stack overflow. Where the inserted
/// text is followed by more code on the same line, the rest of the line moves to a line of its own behind a
/// <c>#line</c> directive and is indented to its old column, so diagnostics and stack traces keep the user's line and column.
/// </summary>
internal static class ScriptRewriter
{
    private const string Check = "global::System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();";

    /// <summary>The rewritten text of <paramref name="tree"/>; <paramref name="model"/> (made on demand) types expression lambdas.</summary>
    public static string Rewrite(SyntaxTree tree, Func<SemanticModel> model)
    {
        var text = tree.GetText();
        if (tree.FilePath.Contains('"', StringComparison.Ordinal))
        {
            // A #line directive cannot name this file; without it columns would shift, so leave the file alone.
            return text.ToString();
        }

        var edits = new List<Edit>();
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            Plan(node, model, edits);
        }

        return Apply(text, tree.FilePath, edits);
    }

    private static void Plan(SyntaxNode node, Func<SemanticModel> model, List<Edit> edits)
    {
        var depth = node.Ancestors().Count();
        switch (node)
        {
            case BaseMethodDeclarationSyntax { Body: { } body }:
                edits.Add(Edit.After(body.OpenBraceToken, " " + Check, depth));
                break;
            case LocalFunctionStatementSyntax { Body: { } body }:
                edits.Add(Edit.After(body.OpenBraceToken, " " + Check, depth));
                break;
            case AccessorDeclarationSyntax { Body: { } body }:
                edits.Add(Edit.After(body.OpenBraceToken, " " + Check, depth));
                break;
            case AnonymousFunctionExpressionSyntax { Block: { } block }:
                edits.Add(Edit.After(block.OpenBraceToken, " " + Check, depth));
                break;
            case MethodDeclarationSyntax { ExpressionBody: { } arrow } method:
                ArrowToBlock(arrow, method.SemicolonToken, ReturnsValue(method.ReturnType, method.Modifiers), edits, depth);
                break;
            case LocalFunctionStatementSyntax { ExpressionBody: { } arrow } function:
                ArrowToBlock(arrow, function.SemicolonToken, ReturnsValue(function.ReturnType, function.Modifiers), edits, depth);
                break;
            case OperatorDeclarationSyntax { ExpressionBody: { } arrow } op:
                ArrowToBlock(arrow, op.SemicolonToken, returnsValue: true, edits, depth);
                break;
            case ConversionOperatorDeclarationSyntax { ExpressionBody: { } arrow } op:
                ArrowToBlock(arrow, op.SemicolonToken, returnsValue: true, edits, depth);
                break;
            case ConstructorDeclarationSyntax { ExpressionBody: { } arrow } ctor:
                ArrowToBlock(arrow, ctor.SemicolonToken, returnsValue: false, edits, depth);
                break;
            case AccessorDeclarationSyntax { ExpressionBody: { } arrow } accessor:
                ArrowToBlock(arrow, accessor.SemicolonToken, accessor.Keyword.IsKind(SyntaxKind.GetKeyword), edits, depth);
                break;
            case BasePropertyDeclarationSyntax property when property is PropertyDeclarationSyntax { ExpressionBody: { } } or IndexerDeclarationSyntax { ExpressionBody: { } }:
                var (propertyArrow, semicolon) = property switch
                {
                    PropertyDeclarationSyntax p => (p.ExpressionBody!, p.SemicolonToken),
                    _ => (((IndexerDeclarationSyntax)property).ExpressionBody!, ((IndexerDeclarationSyntax)property).SemicolonToken),
                };
                edits.Add(new Edit(propertyArrow.ArrowToken.Span, "{ get { " + Check + " return", depth));
                edits.Add(Edit.AfterToken(semicolon, " } }", depth));
                break;
            case LambdaExpressionSyntax { ExpressionBody: { } body } lambda when CanRecurse(body):
                LambdaToBlock(lambda, body, model, edits, depth);
                break;
        }
    }

    /// <summary>Only a body that calls or constructs something can recurse; the rest is left as written.</summary>
    private static bool CanRecurse(ExpressionSyntax body) =>
        body is not AnonymousFunctionExpressionSyntax
        && body.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax)
            .Any(n => n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or ElementAccessExpressionSyntax);

    /// <summary><c>x =&gt; expr</c> becomes <c>x =&gt; { check; return expr; }</c>, or without return when the lambda returns nothing.</summary>
    private static void LambdaToBlock(LambdaExpressionSyntax lambda, ExpressionSyntax body, Func<SemanticModel> model, List<Edit> edits, int depth)
    {
        var semantic = model();
        if (semantic.GetSymbolInfo(lambda).Symbol is not IMethodSymbol method
            || semantic.GetTypeInfo(lambda).ConvertedType is INamedTypeSymbol { Name: "Expression" })
        {
            // Not typed (the script has errors) or an expression tree (no block bodies): leave it as written.
            return;
        }

        var returnsValue = !method.ReturnsVoid && !(method.IsAsync && method.ReturnType is INamedTypeSymbol { IsGenericType: false });
        edits.Add(Edit.After(lambda.ArrowToken, " { " + Check + (returnsValue ? " return" : string.Empty), depth));
        edits.Add(Edit.AfterNode(body, "; }", depth));
    }

    private static void ArrowToBlock(ArrowExpressionClauseSyntax arrow, SyntaxToken semicolon, bool returnsValue, List<Edit> edits, int depth)
    {
        edits.Add(new Edit(arrow.ArrowToken.Span, "{ " + Check + (returnsValue ? " return" : string.Empty), depth));
        edits.Add(Edit.AfterToken(semicolon, " }", depth));
    }

    private static bool ReturnsValue(TypeSyntax returnType, SyntaxTokenList modifiers)
    {
        if (returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword })
        {
            return false;
        }

        return !(modifiers.Any(SyntaxKind.AsyncKeyword) && returnType is IdentifierNameSyntax { Identifier.ValueText: "Task" or "ValueTask" } or QualifiedNameSyntax { Right.Identifier.ValueText: "Task" or "ValueTask" });
    }

    private static string Apply(SourceText text, string path, List<Edit> edits)
    {
        // Outer openings before inner ones, inner closings before outer ones, where two edits meet.
        var ordered = edits
            .OrderBy(e => e.Span.Start)
            .ThenBy(e => e.Span.Length == 0 && e.Closing ? 0 : 1)
            .ThenBy(e => e.Closing ? -e.Depth : e.Depth)
            .ToList();
        var output = new StringBuilder(text.Length + (edits.Count * 96));
        var position = 0;
        foreach (var edit in ordered)
        {
            if (edit.Span.Start < position)
            {
                continue;
            }

            output.Append(text.ToString(TextSpan.FromBounds(position, edit.Span.Start)));
            output.Append(edit.Text);
            position = edit.Span.End;
            var line = text.Lines.GetLineFromPosition(position);
            if (!string.IsNullOrWhiteSpace(text.ToString(TextSpan.FromBounds(position, line.End))))
            {
                // The rest of the line keeps its line number and column.
                output.Append('\n').Append("#line ").Append(line.LineNumber + 1).Append(" \"").Append(path).Append("\"\n");
                output.Append(' ', position - line.Start);
            }
        }

        output.Append(text.ToString(TextSpan.FromBounds(position, text.Length)));
        return output.ToString();
    }

    /// <summary>Replaces <see cref="Span"/> with <see cref="Text"/>; an empty span inserts.</summary>
    private sealed record Edit(TextSpan Span, string Text, int Depth, bool Closing = false)
    {
        public static Edit After(SyntaxToken token, string text, int depth) => new(new TextSpan(token.Span.End, 0), text, depth);

        public static Edit AfterToken(SyntaxToken token, string text, int depth) => new(new TextSpan(token.Span.End, 0), text, depth, Closing: true);

        public static Edit AfterNode(SyntaxNode node, string text, int depth) => new(new TextSpan(node.Span.End, 0), text, depth, Closing: true);
    }
}
