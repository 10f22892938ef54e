using VagrantNet.Sdk.Machines;

namespace VagrantNet.Providers.Podman.Driver;

/// <summary>
/// The labels that mark a container as one vnet made, for which project and machine: a creation killed before the id
/// file was written is still found by them, and removed.
/// </summary>
internal static class ContainerLabels
{
    public const string Project = "vnet.project";

    public const string Machine = "vnet.machine";

    public static IReadOnlyList<(string Key, string Value)> For(IMachine machine) =>
        [(Project, machine.ProjectDirectory), (Machine, machine.Name)];

    /// <summary><c>--filter label=K=V</c> for each label: what <c>podman ps</c> matches a machine's containers by.</summary>
    public static IReadOnlyList<string> Filters(IMachine machine) =>
        [.. For(machine).SelectMany(l => new[] { "--filter", $"label={l.Key}={l.Value}" })];
}
