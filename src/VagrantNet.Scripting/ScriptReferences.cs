using System.IO.Hashing;
using System.Reflection;
using System.Text;

namespace VagrantNet.Scripting;

/// <summary>
/// The assemblies a Vagrantfile.csx compiles against (the SDK and every loaded plugin) and a fingerprint
/// of them, so the compiled-script cache is invalidated when any of them is rebuilt.
/// </summary>
public sealed class ScriptReferences
{
    public ScriptReferences(IEnumerable<Assembly> plugins)
    {
        Sdk = typeof(VagrantNet.Sdk.Vagrant).Assembly;
        Plugins = [.. plugins];
        Fingerprint = ComputeFingerprint();
    }

    public Assembly Sdk { get; }

    public IReadOnlyList<Assembly> Plugins { get; }

    /// <summary>Hash of the SDK build and the plugin set (names and module version ids).</summary>
    public string Fingerprint { get; }

    /// <summary>Namespaces every script imports, so a Vagrantfile.csx needs no using lines for the DSL.</summary>
    public static IReadOnlyList<string> Imports { get; } =
    [
        "System",
        "System.IO",
        "System.Linq",
        "System.Collections.Generic",
        "VagrantNet.Sdk",
        "VagrantNet.Sdk.Config",
        "VagrantNet.Sdk.Data",
    ];

    private string ComputeFingerprint()
    {
        // Module version ids hashed as bytes: formatting a Guid costs a cold process about 2 ms.
        var hash = new XxHash64();
        hash.Append("format=2"u8);
        Span<byte> mvid = stackalloc byte[16];
        foreach (var assembly in Plugins.Prepend(Sdk))
        {
            hash.Append(Encoding.UTF8.GetBytes(assembly.ManifestModule.ScopeName));
            assembly.ManifestModule.ModuleVersionId.TryWriteBytes(mvid);
            hash.Append(mvid);
        }

        return CompiledScriptCache.FormatHash(hash.GetCurrentHashAsUInt64());
    }
}
