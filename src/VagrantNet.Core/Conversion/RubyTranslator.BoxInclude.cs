using VagrantNet.Core.Conversion.Ruby;

namespace VagrantNet.Core.Conversion;

/// <summary>
/// The two lines <c>vagrant package</c> writes into a box's Vagrantfile to load the Vagrantfile packaged with
/// <c>--vagrantfile</c> (<c>include_vagrantfile = File.expand_path("../include/_Vagrantfile", __FILE__)</c> and
/// <c>load include_vagrantfile if File.exist?(include_vagrantfile)</c>). vnet merges a box's own Vagrantfile.csx
/// itself, so they translate to one comment and nothing.
/// </summary>
internal sealed partial class RubyTranslator
{
    private readonly HashSet<string> _includePaths = [];

    private bool BoxInclude(RubyNode statement)
    {
        switch (statement)
        {
            case RubyAssign { Target: RubyLocal local, Value: RubyCall { Receiver: RubyConstant { Scope: null, Name: "File" }, Name: "expand_path", Positional: [RubyString { Literal: { } path }, ..] } }
                when path.EndsWith("_Vagrantfile", StringComparison.Ordinal):
                _includePaths.Add(local.Name);
                _out.Line($"// {local.Name} ({path}) and its load: vnet merges the Vagrantfile.csx packaged with a box itself.");
                return true;
            case RubyIf { Modifier: true, Else: null, Then.Statements: [var load] } when IsIncludeLoad(load):
                return true;
            default:
                return IsIncludeLoad(statement);
        }
    }

    private bool IsIncludeLoad(RubyNode node) =>
        node is RubyCall { Receiver: null, Name: "load", Positional: [RubyLocal path], Block: null } && _includePaths.Contains(path.Name);
}
