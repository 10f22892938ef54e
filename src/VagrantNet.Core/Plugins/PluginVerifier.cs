using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace VagrantNet.Core.Plugins;

/// <summary>
/// Checks a plugin before it is loaded, by reading its metadata only: it must be a vnet plugin,
/// must not ship its own SDK, and must have been built against the host's SDK major version.
/// </summary>
public sealed class PluginVerifier(Version hostSdkVersion)
{
    public const string SdkAssemblyName = "VagrantNet.Sdk";

    public Version HostSdkVersion { get; } = hostSdkVersion;

    /// <summary>Returns null when the plugin may load, else why not (naming the plugin and both versions).</summary>
    public string? Verify(string assemblyPath)
    {
        var name = Path.GetFileName(assemblyPath);
        var shipped = Path.Combine(Path.GetDirectoryName(assemblyPath)!, SdkAssemblyName + ".dll");
        if (File.Exists(shipped))
        {
            var shippedVersion = ShippedVersion(shipped);
            return $"Plugin {name} ships its own copy of {SdkAssemblyName} {shippedVersion} but vnet provides {SdkAssemblyName} {HostSdkVersion}; " +
                   "build it with the SDK reference marked <Private>false</Private> (or ExcludeAssets=\"runtime\") so the host's copy is used.";
        }

        try
        {
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return $"{name} is not a .NET assembly, so it cannot be a vnet plugin.";
            }

            var metadata = pe.GetMetadataReader();
            var sdkReferences = metadata.AssemblyReferences
                .Select(metadata.GetAssemblyReference)
                .Where(r => metadata.GetString(r.Name) == SdkAssemblyName)
                .ToList();
            if (sdkReferences.Count == 0)
            {
                return $"{name} is not a vnet plugin: it does not reference {SdkAssemblyName}.";
            }

            var sdkReference = sdkReferences[0];
            if (sdkReference.Version.Major != HostSdkVersion.Major)
            {
                return $"Plugin {name} was built against {SdkAssemblyName} {sdkReference.Version} but vnet provides {SdkAssemblyName} {HostSdkVersion}; " +
                       $"rebuild the plugin against {SdkAssemblyName} {HostSdkVersion.Major}.x.";
            }

            if (!HasPluginAttribute(metadata))
            {
                return $"{name} is not a vnet plugin: it has no [assembly: VagrantPlugin(typeof(...))] attribute.";
            }

            return null;
        }
        catch (BadImageFormatException)
        {
            return $"{name} is not a .NET assembly, so it cannot be a vnet plugin.";
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

    private static bool HasPluginAttribute(MetadataReader metadata)
    {
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var ctor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (ctor.Parent.Kind == HandleKind.TypeReference &&
                metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)ctor.Parent).Name) == "VagrantPluginAttribute")
            {
                return true;
            }
        }

        return false;
    }
}
