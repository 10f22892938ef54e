using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VagrantNet.Scripting;

/// <summary>
/// Refuses, at compile time, the calls that end vnet from inside a script: <c>Environment.Exit</c> and <c>FailFast</c>
/// end it without a word (FailFast runs no handler at all), and <c>Process.Kill</c> on vnet's own process likewise.
/// Only names that could be one of them are bound, so a script without them costs no semantic model.
/// </summary>
internal static class ProcessEndingCalls
{
    public const string Id = "VNET0001";

    // Not an analyzer assembly: the descriptor only shapes a compile-time refusal, so there is no release to track.
#pragma warning disable RS2008
    private static readonly DiagnosticDescriptor Rule = new(
        Id,
        "A Vagrantfile.csx may not end the vnet process",
        "'{0}' would end vnet while it evaluates the script; a Vagrantfile.csx may not end the process. Throw an exception to report an error instead.",
        "VagrantNet",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);
#pragma warning restore RS2008

    public static IEnumerable<Diagnostic> Find(SyntaxTree tree, Func<SemanticModel> model)
    {
        foreach (var name in tree.GetRoot().DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (name.Identifier.ValueText is not ("Exit" or "FailFast" or "Kill"))
            {
                continue;
            }

            var info = model().GetSymbolInfo(name);
            var method = info.Symbol as IMethodSymbol ?? info.CandidateSymbols.OfType<IMethodSymbol>().FirstOrDefault();
            var owner = method?.ContainingType?.ToDisplayString();
            if (owner is "System.Environment" && method!.Name is "Exit" or "FailFast" || owner is "System.Diagnostics.Process" && method!.Name is "Kill")
            {
                var node = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? (SyntaxNode)access : name;
                yield return Diagnostic.Create(Rule, node.GetLocation(), $"{method!.ContainingType!.Name}.{method.Name}");
            }
        }
    }
}
