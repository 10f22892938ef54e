using VagrantNet.Core.Conversion;

namespace VagrantNet.Core.Boxes;

/// <summary>
/// The Ruby <c>Vagrantfile</c> a box carries (vagrant-libvirt's <c>vagrant package</c> writes one), converted at
/// <c>box add</c> into the <c>Vagrantfile.csx</c> vnet merges under the project's, by the same converter as
/// <c>vnet init --from</c>; vnet never runs the Ruby. What does not convert, a setting vnet's provider lacks among
/// them, stays out of the script and is one warning naming the box, so the box still works.
/// </summary>
public static class BoxVagrantfile
{
    public const string RubyFileName = "Vagrantfile";

    public const string ScriptFileName = "Vagrantfile.csx";

    /// <summary>
    /// Converts <c>Vagrantfile</c> in an unpacked box into <c>Vagrantfile.csx</c> beside it, unless the box has its own.
    /// Returns the warnings to show the user: one for each part left out, or one when the whole file was skipped.
    /// </summary>
    public static IReadOnlyList<string> ConvertInDirectory(string directory, string box, ProviderSettingCheck? knownSetting = null)
    {
        var ruby = Path.Combine(directory, RubyFileName);
        var script = Path.Combine(directory, ScriptFileName);
        if (!File.Exists(ruby) || File.Exists(script) || new FileInfo(ruby).LinkTarget is not null)
        {
            return [];
        }

        if (new FileInfo(ruby).Length > BoxMetadata.MaxBytes)
        {
            return [$"Box '{box}': its Ruby Vagrantfile is too large to read; vnet never runs Ruby, so it was skipped."];
        }

        var conversion = VagrantfileConverter.Convert(File.ReadAllText(ruby), RubyFileName, new ConversionOptions
        {
            KnownProviderSetting = knownSetting,
            Header = "// Converted by vnet at `box add` from this box's Ruby Vagrantfile, which vnet never runs. Lines marked" + "\n"
                + "// \"vnet: not converted\" hold what vnet has no equivalent for." + "\n\n",
        });
        if (conversion.Failed)
        {
            var error = conversion.Diagnostics.First(d => d.Severity == ConversionSeverity.Error);
            return [$"Box '{box}': its Ruby Vagrantfile was skipped: line {error.At.Line}: {error.Message}. vnet never runs Ruby."];
        }

        File.WriteAllText(script, conversion.Script);
        return [.. conversion.Diagnostics.Select(d => $"Box '{box}': its Vagrantfile line {d.At.Line}: {Reason(d.Message)} was left out; the rest of it applies.")];
    }

    private static string Reason(string message) =>
        message.EndsWith(" (kept as a comment)", StringComparison.Ordinal) ? message[..^" (kept as a comment)".Length] : message;
}
