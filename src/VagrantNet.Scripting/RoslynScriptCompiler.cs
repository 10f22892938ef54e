using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Text;
using VagrantNet.Core.Configuration;
using VagrantNet.Core.IO;

namespace VagrantNet.Scripting;

/// <summary>Compiles a Vagrantfile.csx with Roslyn into an assembly image. Only touched on a cache miss.</summary>
internal static class RoslynScriptCompiler
{
    /// <summary>Compiles <paramref name="path"/>; throws <see cref="ScriptCompilationException"/> with every error diagnostic.</summary>
    public static CompiledScript Compile(string path, ScriptReferences references)
    {
        path = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(path)!;
        var code = Encoding.UTF8.GetString(ScriptFile.ReadAllBytes(path));
        var sources = new BoundedSourceResolver(directory);
        var options = ScriptOptions.Default
            .WithFilePath(path)
            .WithFileEncoding(Encoding.UTF8)
            .WithReferences(FrameworkReferences().Concat(references.Plugins.Select(a => MetadataReference.CreateFromFile(a.Location))).Append(MetadataReference.CreateFromFile(references.Sdk.Location)))
            .WithImports(ScriptReferences.Imports)
            .WithSourceResolver(sources)
            .WithMetadataResolver(new NuGetSdkReferenceResolver(references.Sdk.Location, directory))
            .WithEmitDebugInformation(true)
            .WithOptimizationLevel(OptimizationLevel.Debug)
            .WithAllowUnsafe(false);

        // The script as written: checked for calls that end the process, and typed where the rewrite needs types.
        // Its semantic model is only made when one of those is found, so most scripts are still bound once, by Emit.
        var written = CSharpScript.Create(code, options).GetCompilation();
        var errors = new List<Diagnostic>();
        var rewritten = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tree in written.SyntaxTrees.Where(t => !string.IsNullOrEmpty(t.FilePath)))
        {
            SemanticModel? model = null;
            SemanticModel Model() => model ??= written.GetSemanticModel(tree);
            errors.AddRange(ProcessEndingCalls.Find(tree, Model));
            rewritten[tree.FilePath] = ScriptRewriter.Rewrite(tree, Model);
        }

        sources.Replacements = rewritten;
        var main = rewritten.GetValueOrDefault(path, code);
        if (written.SyntaxTrees.FirstOrDefault(t => t.FilePath == path)?.GetRoot() is CompilationUnitSyntax { Members.Count: 0 })
        {
            // An empty or comment-only script is valid, as an empty Vagrantfile is to Vagrant (one default machine),
            // but Roslyn emits no submission for it: give it an empty statement, after the last line.
            main += "\n;";
        }

        var compilation = CSharpScript.Create(main, options).GetCompilation();

        // Emit alone: it reports every error GetDiagnostics would, and binding the script once more for them would be
        // the larger part of a cold compile.
        using var image = new MemoryStream();
        var result = compilation.Emit(image, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded));
        errors.AddRange(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        if (result.Success && errors.Count == 0)
        {
            var read = compilation.SyntaxTrees
                .Select(t => t.FilePath)
                .Where(p => !string.IsNullOrEmpty(p))
                .Distinct()
                .Select(p => new ScriptSource(p, CompiledScriptCache.HashFile(p)))
                .ToList();
            return new CompiledScript(image.ToArray(), read);
        }

        throw new ScriptCompilationException(errors
            .Select(d => (Span: d.Location.GetMappedLineSpan(), Diagnostic: d))
            .OrderBy(d => d.Span.Path, StringComparer.Ordinal).ThenBy(d => d.Span.StartLinePosition)
            .Select(d => Format(d.Diagnostic)).Distinct().ToList());
    }

    private static string Format(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var file = string.IsNullOrEmpty(span.Path) ? "Vagrantfile.csx" : DisplayPath.Of(span.Path);
        var message = diagnostic.GetMessage();
        if (diagnostic.Id == "CS0006" && message.Contains("nuget:", StringComparison.OrdinalIgnoreCase))
        {
            message = $"{message} NuGet references are not supported in a Vagrantfile.csx: only '#r \"nuget: VagrantNet.Sdk, <version>\"' is accepted (it maps to the SDK vnet runs with). Ship other code as a vnet plugin.";
        }

        return $"{file}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): error {diagnostic.Id}: {ScriptErrorLocator.Escape(message)}";
    }

    /// <summary>The framework assemblies a script may use without <c>#r</c>.</summary>
    private static IEnumerable<MetadataReference> FrameworkReferences()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string[] names =
        [
            "System.Private.CoreLib", "System.Runtime", "System.Collections", "System.Linq", "System.Console",
            "System.Text.RegularExpressions", "System.Net.Primitives", "System.Runtime.InteropServices", "netstandard",
            "System.Collections.Concurrent", "System.Threading", "System.Threading.Tasks", "System.Memory",
        ];
        return names.Select(n => Path.Combine(runtime, n + ".dll")).Where(File.Exists).Select(p => MetadataReference.CreateFromFile(p));
    }
}

/// <summary>
/// Maps <c>#r "nuget: VagrantNet.Sdk, x"</c> (written for editor completion) to the SDK vnet runs with;
/// any other <c>nuget:</c> reference resolves to nothing, which the compiler reports with a clear message.
/// </summary>
internal sealed class NuGetSdkReferenceResolver(string sdkPath, string baseDirectory) : MetadataReferenceResolver
{
    private readonly ScriptMetadataResolver _files = ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory);

    public override bool ResolveMissingAssemblies => false;

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
    {
        if (!reference.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
        {
            return _files.ResolveReference(reference, baseFilePath, properties);
        }

        var package = reference["nuget:".Length..].Split(',')[0].Trim();
        return package.Equals("VagrantNet.Sdk", StringComparison.OrdinalIgnoreCase)
            ? [MetadataReference.CreateFromFile(sdkPath, properties)]
            : [];
    }

    public override bool Equals(object? other) => other is NuGetSdkReferenceResolver r && r.BaseDirectory == BaseDirectory;

    public override int GetHashCode() => BaseDirectory.GetHashCode(StringComparison.Ordinal);

    private string BaseDirectory => baseDirectory;
}

/// <summary>Resolves <c>#load</c> as Roslyn does, but reads each file through <see cref="ScriptFile"/>'s bound, and hands the compile the rewritten text once there is one.</summary>
internal sealed class BoundedSourceResolver(string baseDirectory) : SourceReferenceResolver
{
    private readonly SourceFileResolver _files = new(ImmutableArray<string>.Empty, baseDirectory);

    public IReadOnlyDictionary<string, string> Replacements { get; set; } = new Dictionary<string, string>();

    public override string? NormalizePath(string path, string? baseFilePath) => _files.NormalizePath(path, baseFilePath);

    public override string? ResolveReference(string path, string? baseFilePath) => _files.ResolveReference(path, baseFilePath);

    public override Stream OpenRead(string resolvedPath) => new MemoryStream(ScriptFile.ReadAllBytes(resolvedPath));

    public override SourceText ReadText(string resolvedPath)
    {
        if (Replacements.TryGetValue(resolvedPath, out var text))
        {
            return SourceText.From(text, Encoding.UTF8);
        }

        var bytes = ScriptFile.ReadAllBytes(resolvedPath);
        return SourceText.From(bytes, bytes.Length, Encoding.UTF8);
    }

    public override bool Equals(object? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => _files.GetHashCode();
}
