using VagrantNet.Core.Conversion.Ruby;

namespace VagrantNet.Core.Conversion;

/// <summary>
/// Converts a Ruby Vagrantfile into a Vagrantfile.csx without running any Ruby. The output keeps the file's structure
/// and comments; what has no vnet equivalent stays in place as a marked comment and is reported as a warning with its
/// position. Ruby the parser cannot read is one error with its position, and no output.
/// </summary>
public static class VagrantfileConverter
{
    public static VagrantfileConversion Convert(string ruby, string fileName = "Vagrantfile")
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

        var translator = new RubyTranslator(fileName, comments, ruby.Replace("\r\n", "\n").Split('\n'));
        var script = Header(fileName) + translator.Translate(program);
        return new VagrantfileConversion(script, translator.Diagnostics);
    }

    private static string Header(string fileName) =>
        $"// Converted from {Path.GetFileName(fileName)} by `vnet init --from`. Lines marked \"vnet: not converted\" hold" + "\n"
        + "// Ruby that has no vnet equivalent; everything else is the same configuration in C#." + "\n"
        + "\n";
}
