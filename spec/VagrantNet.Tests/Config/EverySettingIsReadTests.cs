using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Config;

/// <summary>
/// A setting that validates and then does nothing is worse than one that is refused: the user believes it. This walks
/// every public settable member of the config model (the sections of the SDK and of the plugins in this repository) and
/// fails for each one that no product code outside its declaring file reads. Found by syntax, by name: a read of another
/// type's member of the same name hides a miss, never invents one.
/// </summary>
public class EverySettingIsReadTests
{
    private static readonly string[] ConfigBases = ["ConfigSection", "ProviderConfig", "ProvisionerConfig"];

    /// <summary>Parts of the config model that are not sections: what a Vagrantfile sets on them must be read too.</summary>
    private static readonly string[] ConfigParts = ["TriggerDefinition", "TriggerRun"];

    [Test]
    public void EveryPublicSettableConfigMember_IsReadOutsideTheFileThatDeclaresIt()
    {
        // Given the product sources
        var trees = ProductSources().Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), path: path)).ToList();
        var settings = Settings(trees).ToList();
        Assert.That(settings, Has.Count.GreaterThan(80), "the walk found too few settings to be walking the config model");

        // When
        var reads = Reads(trees);
        var unread = settings
            .Where(s => !reads.TryGetValue(s.Member, out var files) || files.All(f => f == s.File))
            .Select(s => $"{s.Type}.{s.Member} ({Path.GetRelativePath(TestPaths.RepositoryRoot, s.File)})")
            .ToList();

        // Then
        Assert.That(unread, Is.Empty, "these settings are accepted but nothing reads them: make them work, or remove them");
    }

    private static IEnumerable<string> ProductSources() =>
        new[] { "src", "plugins" }
            .Select(d => Path.Combine(TestPaths.RepositoryRoot, d))
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"));

    private sealed record Setting(string Type, string Member, string File);

    /// <summary>Public properties with a public setter or init, on classes that derive (by name, transitively) from a config base.</summary>
    private static IEnumerable<Setting> Settings(IReadOnlyList<SyntaxTree> trees)
    {
        var classes = trees.SelectMany(t => t.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()).ToList();
        var bases = classes.ToLookup(c => c.Identifier.Text, c => c.BaseList?.Types.Select(t => t.Type.ToString().Split('.').Last()).ToList() ?? []);
        bool IsConfig(string name, int depth) =>
            depth < 10 && bases[name].SelectMany(b => b).Any(b => ConfigBases.Contains(b) || IsConfig(b, depth + 1));

        foreach (var type in classes.Where(c => c.Modifiers.Any(SyntaxKind.PublicKeyword) && (IsConfig(c.Identifier.Text, 0) || ConfigParts.Contains(c.Identifier.Text))))
        {
            foreach (var property in type.Members.OfType<PropertyDeclarationSyntax>())
            {
                var publicSetter = property.AccessorList?.Accessors.Any(a =>
                    a.Kind() is SyntaxKind.SetAccessorDeclaration or SyntaxKind.InitAccessorDeclaration && a.Modifiers.Count == 0) == true;
                if (property.Modifiers.Any(SyntaxKind.PublicKeyword) && !property.Modifiers.Any(SyntaxKind.StaticKeyword) && publicSetter)
                {
                    yield return new Setting(type.Identifier.Text, property.Identifier.Text, type.SyntaxTree.FilePath);
                }
            }
        }
    }

    /// <summary>Member name → files that read it: <c>x.Name</c>, <c>x?.Name</c> or <c>{ Name: … }</c>, not as an assignment's target.</summary>
    private static Dictionary<string, HashSet<string>> Reads(IReadOnlyList<SyntaxTree> trees)
    {
        var reads = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Add(string name, string file)
        {
            if (!reads.TryGetValue(name, out var files))
            {
                reads[name] = files = [];
            }

            files.Add(file);
        }

        foreach (var tree in trees)
        {
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                switch (node)
                {
                    case MemberAccessExpressionSyntax access when !IsAssignedTo(access):
                        Add(access.Name.Identifier.Text, tree.FilePath);
                        break;
                    case MemberBindingExpressionSyntax binding when !IsAssignedTo(binding.Parent as ExpressionSyntax ?? binding):
                        Add(binding.Name.Identifier.Text, tree.FilePath);
                        break;
                    case SubpatternSyntax { NameColon: { } nameColon }:
                        Add(nameColon.Name.Identifier.Text, tree.FilePath);
                        break;
                    case SubpatternSyntax { ExpressionColon.Expression: IdentifierNameSyntax identifier }:
                        Add(identifier.Identifier.Text, tree.FilePath);
                        break;
                }
            }
        }

        return reads;
    }

    /// <summary>Plain assignment only: <c>x.A ??= b</c> and <c>x.A += b</c> read too.</summary>
    private static bool IsAssignedTo(ExpressionSyntax expression) =>
        expression.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment && assignment.Left == expression;
}
