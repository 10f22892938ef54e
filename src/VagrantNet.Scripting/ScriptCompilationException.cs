using VagrantNet.Core;

namespace VagrantNet.Scripting;

/// <summary>The script did not compile. The message is the compiler's diagnostics, one per line, as <c>file(line,col): error CSxxxx: ...</c>.</summary>
public sealed class ScriptCompilationException(IReadOnlyList<string> diagnostics) : VnetException(string.Join(Environment.NewLine, diagnostics))
{
    public IReadOnlyList<string> Diagnostics { get; } = diagnostics;
}
