using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace VagrantNet.Core.Plugins;

/// <summary>
/// Checks a plugin before it is loaded, by reading its metadata only: it must be a vnet plugin,
/// must not ship its own SDK, and must have been built against the host's SDK major version.
/// Accepted files are remembered in <paramref name="cache"/> (when given) with the plugin's entry type.
/// </summary>
public sealed class PluginVerifier(Version hostSdkVersion, PluginVerificationCache? cache = null)
{
    public const string SdkAssemblyName = "VagrantNet.Sdk";

    public Version HostSdkVersion { get; } = hostSdkVersion;

    public PluginVerdict Verify(string assemblyPath)
    {
        var name = Path.GetFileName(assemblyPath);
        var shipped = Path.Combine(Path.GetDirectoryName(assemblyPath)!, SdkAssemblyName + ".dll");
        if (File.Exists(shipped))
        {
            var shippedVersion = ShippedVersion(shipped);
            return PluginVerdict.Refused(
                $"Plugin {name} ships its own copy of {SdkAssemblyName} {shippedVersion} but vnet provides {SdkAssemblyName} {HostSdkVersion}; " +
                "build it with the SDK reference marked <Private>false</Private> (or ExcludeAssets=\"runtime\") so the host's copy is used.");
        }

        if (cache?.KnownEntry(assemblyPath, HostSdkVersion) is { } known)
        {
            return PluginVerdict.Accepted(known);
        }

        var verdict = VerifyMetadata(assemblyPath);
        if (verdict.Entry is { } entry)
        {
            cache?.Remember(assemblyPath, HostSdkVersion, entry);
        }

        return verdict;
    }

    private PluginVerdict VerifyMetadata(string assemblyPath)
    {
        var name = Path.GetFileName(assemblyPath);
        try
        {
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return PluginVerdict.Refused($"{name} is not a .NET assembly, so it cannot be a vnet plugin.");
            }

            var metadata = pe.GetMetadataReader();
            AssemblyReference? sdkReference = null;
            foreach (var handle in metadata.AssemblyReferences)
            {
                var reference = metadata.GetAssemblyReference(handle);
                if (metadata.GetString(reference.Name) == SdkAssemblyName)
                {
                    sdkReference = reference;
                    break;
                }
            }

            if (sdkReference is not { } sdk)
            {
                return PluginVerdict.Refused($"{name} is not a vnet plugin: it does not reference {SdkAssemblyName}.");
            }

            if (sdk.Version.Major != HostSdkVersion.Major)
            {
                return PluginVerdict.Refused(
                    $"Plugin {name} was built against {SdkAssemblyName} {sdk.Version} but vnet provides {SdkAssemblyName} {HostSdkVersion}; " +
                    $"rebuild the plugin against {SdkAssemblyName} {HostSdkVersion.Major}.x.");
            }

            return PluginAttributeType(metadata) is { } entryType
                ? PluginVerdict.Accepted(new PluginEntry(entryType, TypeDefinitionToken(metadata, entryType)))
                : PluginVerdict.Refused($"{name} is not a vnet plugin: it has no [assembly: VagrantPlugin(typeof(...))] attribute.");
        }
        catch (BadImageFormatException)
        {
            return PluginVerdict.Refused($"{name} is not a .NET assembly, so it cannot be a vnet plugin.");
        }
    }

    /// <summary>The version of a shipped SDK copy, or "(unreadable)" when it is no assembly: it is refused either way.</summary>
    private static string ShippedVersion(string path)
    {
        try
        {
            return AssemblyName.GetAssemblyName(path).Version?.ToString() ?? "(no version)";
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            return "(unreadable)";
        }
    }

    /// <summary>The token of the top-level type <paramref name="typeName"/> defined in this module, or 0.</summary>
    private static int TypeDefinitionToken(MetadataReader metadata, string typeName)
    {
        var ownName = typeName.Split(',')[0].Trim();
        foreach (var handle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(handle);
            if (!type.GetDeclaringType().IsNil)
            {
                continue;
            }

            var ns = metadata.GetString(type.Namespace);
            var name = metadata.GetString(type.Name);
            if (ownName.Length == ns.Length + (ns.Length > 0 ? 1 : 0) + name.Length &&
                ownName == (ns.Length > 0 ? ns + "." + name : name))
            {
                return MetadataTokens.GetToken(handle);
            }
        }

        return 0;
    }

    /// <summary>The type named by the assembly's <c>[VagrantPlugin(typeof(X))]</c> (serialized as X's name), or null without one.</summary>
    private static string? PluginAttributeType(MetadataReader metadata)
    {
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var ctor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (ctor.Parent.Kind != HandleKind.TypeReference ||
                metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)ctor.Parent).Name) != "VagrantPluginAttribute")
            {
                continue;
            }

            // ECMA-335 II.23.3: a 0x0001 prolog, then the System.Type argument as a serialized type name.
            var value = metadata.GetBlobReader(attribute.Value);
            return value.ReadUInt16() == 1 && value.ReadSerializedString() is { Length: > 0 } typeName ? typeName : null;
        }

        return null;
    }
}

/// <summary>What <see cref="PluginVerifier"/> decided: a refusal to show the user, or the plugin's entry type.</summary>
public sealed record PluginVerdict(string? Refusal, PluginEntry? Entry)
{
    public static PluginVerdict Refused(string why) => new(why, null);

    public static PluginVerdict Accepted(PluginEntry entry) => new(null, entry);
}

/// <summary>
/// The type named by a plugin's <c>[VagrantPlugin]</c> and its TypeDef token in the plugin's own module (0 when it is
/// defined elsewhere): resolving the token takes well under a millisecond, where the first lookup by name in a
/// process costs about 7 ms.
/// </summary>
public sealed record PluginEntry(string TypeName, int Token);
