using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>Answers <see cref="SnapshotKeys.List"/>: the domain's snapshots, oldest first (none for a machine not created).</summary>
public sealed class ListSnapshots : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        using var domain = context.Driver().FindDomain();
        context.Set(SnapshotKeys.List, domain is null ? [] : Read(domain));
        await next(context).ConfigureAwait(false);
    }

    internal static IReadOnlyList<SnapshotInfo> Read(LibvirtDomain domain)
    {
        var snapshots = new List<SnapshotInfo>();
        foreach (var snapshot in domain.ListAllSnapshots())
        {
            using (snapshot)
            {
                var xml = XElement.Parse(snapshot.GetXmlDesc());
                var created = long.TryParse(xml.Element("creationTime")?.Value, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.MinValue;
                snapshots.Add(new SnapshotInfo(snapshot.Name, created, xml.Element("state")?.Value ?? "unknown"));
            }
        }

        return [.. snapshots.OrderBy(s => s.CreatedAt).ThenBy(s => s.Name, StringComparer.Ordinal)];
    }
}
