using VagrantNet.Core.Conversion.Ruby;

namespace VagrantNet.Core.Conversion;

/// <summary>
/// Converts a Ruby Vagrantfile into a Vagrantfile.csx without running any Ruby. The output keeps the file's structure
/// and comments; what has no vnet equivalent stays in place as a marked comment and is reported as a warning with its
/// position. Ruby the parser cannot read is one error with its position, and no output.
/// </summary>
public static class VagrantfileConverter
{
    public static VagrantfileConversion Convert(string ruby, string fileName = "Vagrantfile", ConversionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ruby);
        RubyBody program;
        IReadOnlyList<RubyComment> comments;
        try
        {
            (program, comments) = RubyParser.Parse(ruby);
        }
        catch (RubySyntaxException e)
        {
            return new VagrantfileConversion(string.Empty, [new ConversionDiagnostic(fileName, e.At, ConversionSeverity.Error, e.Message)]);
        }

        var translator = new RubyTranslator(fileName, comments, ruby.Replace("\r\n", "\n").Split('\n'), options ?? new ConversionOptions());
        var script = (options?.Header ?? Header(fileName)) + translator.Translate(program);
        return new VagrantfileConversion(script, translator.Diagnostics);
    }

    private static string Header(string fileName) =>
        $"// Converted from {Path.GetFileName(fileName)} by `vnet init --from`. Lines marked \"vnet: not converted\" hold" + "\n"
        + "// Ruby that has no vnet equivalent; everything else is the same configuration in C#." + "\n"
        + "\n";
}

/// <summary>What the converter is told beyond the Ruby text.</summary>
public sealed record ConversionOptions
{
    /// <summary>
    /// Whether a provider has a setting (<c>libvirt</c>, <c>nic_model_type</c>), from the installed providers; null
    /// when none can be asked. A setting it does not know becomes a marked comment and a warning, not a script whose
    /// every <c>validate</c> fails.
    /// </summary>
    public ProviderSettingCheck? KnownProviderSetting { get; init; }

    /// <summary>The comment the script starts with; null for the one <c>vnet init --from</c> writes.</summary>
    public string? Header { get; init; }
}

/// <summary>True when the named provider has the setting, or when that provider is not installed to ask.</summary>
public delegate bool ProviderSettingCheck(string provider, string setting);
