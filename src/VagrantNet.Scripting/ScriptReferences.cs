using System.Reflection;
using System.Security.Cryptography;
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
    ];

    private string ComputeFingerprint()
    {
        var text = new StringBuilder();
        text.Append("format=1;");
        foreach (var assembly in Plugins.Prepend(Sdk))
        {
            text.Append(assembly.GetName().Name).Append('=').Append(assembly.ManifestModule.ModuleVersionId).Append(';');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
