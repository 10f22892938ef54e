using VagrantNet.Sdk.Machines;

namespace VagrantNet.Core.Configuration;

/// <summary>Finds an installed box, so its own Vagrantfile.csx can be merged first.</summary>
public interface IBoxLookup
{
    /// <summary>The newest installed box matching the arguments, or null.</summary>
    BoxInfo? Find(string name, string? versionConstraint, string provider, string architecture);
}
