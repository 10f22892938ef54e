using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Scripting;
using VagrantNet.Core.Environment;

namespace VagrantNet.Scripting;

/// <summary>Compiles a Vagrantfile.csx with Roslyn into an assembly image. Only touched on a cache miss.</summary>
internal static class RoslynScriptCompiler
{
    /// <summary>Compiles <paramref name="path"/>; throws <see cref="ScriptCompilationException"/> with every error diagnostic.</summary>
    public static CompiledScript Compile(string path, ScriptReferences references)
    {
        path = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(path)!;
        var code = File.ReadAllText(path);
        var options = ScriptOptions.Default
            .WithFilePath(path)
            .WithFileEncoding(Encoding.UTF8)
            .WithReferences(FrameworkReferences().Concat(references.Plugins.Select(a => MetadataReference.CreateFromFile(a.Location))).Append(MetadataReference.CreateFromFile(references.Sdk.Location)))
            .WithImports(ScriptReferences.Imports)
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, directory))
            .WithMetadataResolver(new NuGetSdkReferenceResolver(references.Sdk.Location, directory))
            .WithEmitDebugInformation(true)
            .WithOptimizationLevel(OptimizationLevel.Debug)
            .WithAllowUnsafe(false);

        // Emit alone: it reports every error GetDiagnostics would, and binding the script once instead of twice is
        // the larger part of a cold compile.
        var compilation = CSharpScript.Create(code, options).GetCompilation();
        using var image = new MemoryStream();
        var result = compilation.Emit(image, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded));
        var diagnostics = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (result.Success && diagnostics.Count == 0)
        {
            var sources = compilation.SyntaxTrees
                .Select(t => t.FilePath)
                .Where(p => !string.IsNullOrEmpty(p))
                .Distinct()
                .Select(p => new ScriptSource(p, CompiledScriptCache.HashFile(p)))
                .ToList();
            return new CompiledScript(image.ToArray(), sources);
        }

        throw new ScriptCompilationException(diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(Format).ToList());
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

        return $"{file}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): error {diagnostic.Id}: {message}";
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
