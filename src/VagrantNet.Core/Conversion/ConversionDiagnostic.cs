using VagrantNet.Core.Conversion.Ruby;

namespace VagrantNet.Core.Conversion;

public enum ConversionSeverity
{
    Warning,
    Error,
}

/// <summary>What the converter could not carry over, printed as <c>Vagrantfile(line,col): warning: ...</c>.</summary>
public sealed record ConversionDiagnostic(string File, RubyPosition At, ConversionSeverity Severity, string Message)
{
    public override string ToString() =>
        $"{File}({At.Line},{At.Column}): {(Severity == ConversionSeverity.Error ? "error" : "warning")}: {Message}";
}

/// <summary>The converted Vagrantfile.csx text and what could not be converted (each also a marked comment in the text).</summary>
public sealed record VagrantfileConversion(string Script, IReadOnlyList<ConversionDiagnostic> Diagnostics)
{
    public bool Failed => Diagnostics.Any(d => d.Severity == ConversionSeverity.Error);
}

/// <summary>Thrown inside the translators for one construct; the statement holding it becomes a marked comment.</summary>
internal sealed class NotConvertibleException(RubyNode node, string reason) : Exception(reason)
{
    public RubyNode Node { get; } = node;
}
