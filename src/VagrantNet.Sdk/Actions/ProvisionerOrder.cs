using VagrantNet.Sdk.Config;

namespace VagrantNet.Sdk.Actions;

/// <summary>
/// Orders provisioners as Vagrant does with <c>before</c>/<c>after</c>: a provisioner naming another
/// runs right before (or after) it; <c>before: "all"</c> / <c>after: "all"</c> run first / last;
/// <c>"each"</c> ones run around every other provisioner. The rest keep the order written.
/// </summary>
public static class ProvisionerOrder
{
    public const string All = "all";
    public const string Each = "each";

    /// <summary>The order of the named and plain provisioners, without the <c>each</c>/<c>all</c> ones.</summary>
    public static IReadOnlyList<ProvisionerDefinition> Sort(IReadOnlyList<ProvisionerDefinition> provisioners)
    {
        var ordered = provisioners.Where(p => Target(p) is null).ToList();
        var pending = provisioners.Where(p => Target(p) is { } t && t is not (All or Each)).ToList();
        while (pending.Count > 0)
        {
            var placed = false;
            foreach (var provisioner in pending.ToList())
            {
                var index = ordered.FindIndex(p => p.Name == Target(provisioner));
                if (index < 0)
                {
                    continue;
                }

                if (provisioner.Before is not null)
                {
                    ordered.Insert(index, provisioner);
                }
                else
                {
                    // After the target and after whatever was already placed after it, in the order written.
                    var at = index + 1;
                    while (at < ordered.Count && ordered[at].After == provisioner.After)
                    {
                        at++;
                    }

                    ordered.Insert(at, provisioner);
                }

                pending.Remove(provisioner);
                placed = true;
            }

            if (!placed)
            {
                // Targets that never appear (validation reports them) or cycles: keep the order written, at the end.
                ordered.AddRange(pending);
                break;
            }
        }

        return ordered;
    }

    /// <summary>
    /// The final run list of <paramref name="selected"/> (already filtered by the run rules, in
    /// <see cref="Sort"/> order): <c>each</c> ones wrapped around every entry, <c>all</c> ones first and last.
    /// </summary>
    public static IReadOnlyList<ProvisionerDefinition> Wrap(IReadOnlyList<ProvisionerDefinition> selected, IReadOnlyList<ProvisionerDefinition> wrappers)
    {
        var eachBefore = wrappers.Where(p => p.Before == Each).ToList();
        var eachAfter = wrappers.Where(p => p.After == Each).ToList();
        var result = new List<ProvisionerDefinition>();
        result.AddRange(wrappers.Where(p => p.Before == All));
        foreach (var provisioner in selected)
        {
            result.AddRange(eachBefore);
            result.Add(provisioner);
            result.AddRange(eachAfter);
        }

        result.AddRange(wrappers.Where(p => p.After == All));
        return result;
    }

    /// <summary>Whether <paramref name="provisioner"/> is an <c>each</c>/<c>all</c> wrapper.</summary>
    public static bool IsWrapper(ProvisionerDefinition provisioner) => Target(provisioner) is All or Each;

    private static string? Target(ProvisionerDefinition provisioner) => provisioner.Before ?? provisioner.After;
}
