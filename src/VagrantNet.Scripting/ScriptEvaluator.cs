using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using VagrantNet.Core;
using VagrantNet.Core.Configuration;
using VagrantNet.Core.IO;
using VagrantNet.Sdk;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Scripting;

/// <summary>
/// Evaluates a Vagrantfile.csx: from the compiled-script cache when it can (Roslyn is never loaded then),
/// else compiles and stores. Running the script records its <c>Vagrant.Configure</c> blocks.
/// </summary>
public sealed class ScriptEvaluator : IVagrantfileEvaluator
{
    private readonly CompiledScriptCache _cache;
    private readonly ScriptReferences _references;
    private readonly ILogger _logger;
    private readonly string? _jitProfileDirectory;
    private readonly Dictionary<string, Assembly> _loaded = [];
    private ScriptLoadContext? _context;

    /// <param name="jitProfileDirectory">Where <see cref="CompilerJitProfile"/> keeps its profile; null compiles without one.</param>
    public ScriptEvaluator(CompiledScriptCache cache, ScriptReferences references, ILogger logger, string? jitProfileDirectory = null)
    {
        _cache = cache;
        _references = references;
        _logger = logger;
        _jitProfileDirectory = jitProfileDirectory;
    }

    /// <summary>How many scripts this evaluator compiled (cache misses).</summary>
    public int Compilations { get; private set; }

    public async Task<IReadOnlyList<Action<RootConfig>>> EvaluateAsync(string path, CancellationToken cancellation)
    {
        path = Path.GetFullPath(path);

        // From the first read on: an interrupt now ends vnet at once, and the script's stdout goes to stderr.
        using var evaluation = ScriptEvaluation.Enter(path);
        var compiled = _cache.TryGet(path, _references.Fingerprint);
        Assembly? assembly = null;
        if (compiled is not null)
        {
            _logger.LogDebug("Compiled-script cache hit for {Script}", path);
            assembly = TryLoad(compiled);
        }

        if (assembly is null)
        {
            var stopwatch = Stopwatch.StartNew();
            compiled = Compile(path);
            _cache.Store(path, _references.Fingerprint, compiled);
            Compilations++;
            _logger.LogDebug("Compiled {Script} ({Sources} source files) in {CompileMilliseconds} ms", path, compiled.Sources.Count, stopwatch.ElapsedMilliseconds);
            cancellation.ThrowIfCancellationRequested();
            assembly = Load(compiled);
        }

        cancellation.ThrowIfCancellationRequested();
        return await Vagrant.CaptureAsync(() => RunAsync(assembly, path)).ConfigureAwait(false);
    }

    /// <summary>A cached image the runtime refuses is a miss: recompiled and overwritten, never an error.</summary>
    private Assembly? TryLoad(CompiledScript compiled)
    {
        try
        {
            var assembly = Load(compiled);
            return assembly.GetTypes().Any(t => t.Name.StartsWith("Submission#", StringComparison.Ordinal)) ? assembly : null;
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or ReflectionTypeLoadException)
        {
            _logger.LogDebug(e, "Compiled-script cache entry could not be loaded; recompiling");
            return null;
        }
    }

    // Kept out of line so that the JIT touches Roslyn's types only on a cache miss.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private CompiledScript Compile(string path)
    {
        if (_jitProfileDirectory is not null)
        {
            CompilerJitProfile.Start(_jitProfileDirectory);
        }

        return RoslynScriptCompiler.Compile(path, _references);
    }

    private Assembly Load(CompiledScript compiled)
    {
        var key = CompiledScriptCache.HashBytes(compiled.Image);
        if (!_loaded.TryGetValue(key, out var assembly))
        {
            _context ??= new ScriptLoadContext(_references);
            using var image = new MemoryStream(compiled.Image);
            assembly = _context.LoadFromStream(image);
            _loaded[key] = assembly;
        }

        return assembly;
    }

    /// <summary>Runs the script body through the factory method Roslyn emits for a script submission.</summary>
    private static async Task RunAsync(Assembly assembly, string path)
    {
        var submission = assembly.GetTypes().FirstOrDefault(t => t.Name.StartsWith("Submission#", StringComparison.Ordinal))
            ?? throw new VnetException($"{DisplayPath.Of(path)}: the compiled script has no entry point; delete {path}'s cache entry and try again.");
        var factory = submission.GetMethod("<Factory>", BindingFlags.Public | BindingFlags.Static)
            ?? throw new VnetException($"{DisplayPath.Of(path)}: the compiled script has no entry point.");
        try
        {
            // Slot 0 holds the globals object (none), slot 1 this submission.
            var task = (Task<object>)factory.Invoke(null, [new object?[2]])!;
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not VnetException)
        {
            var error = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            throw new VnetException(ScriptErrorLocator.Describe(error, path, ScriptErrorLocator.MessageOf(error)), error);
        }
    }
}
