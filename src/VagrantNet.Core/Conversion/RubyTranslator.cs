using VagrantNet.Core.Conversion.Ruby;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Core.Conversion;

/// <summary>
/// Translates a parsed Vagrantfile into Vagrantfile.csx, statement by statement, keeping its structure: a loop stays a
/// loop, a variable a variable. A statement it cannot translate is kept in place as a marked comment holding the Ruby
/// and is reported with its position; the rest of the file is still converted.
/// </summary>
internal sealed partial class RubyTranslator
{
    private readonly string _file;
    private readonly CsxWriter _out;
    private readonly List<ConversionDiagnostic> _diagnostics = [];
    private readonly List<Dictionary<string, CsType>> _scopes = [[]];
    private readonly ConversionOptions _options;

    // Block parameters that stand for a part of one C# lambda parameter (|g, h| over tuples: item.Item1, item.Item2).
    private readonly Dictionary<string, string> _aliases = [];
    private bool _usesThisDirectory;

    public RubyTranslator(string file, IReadOnlyList<RubyComment> comments, string[] rubyLines, ConversionOptions options)
    {
        _file = file;
        _options = options;
        _out = new CsxWriter(comments, rubyLines);
    }

    public IReadOnlyList<ConversionDiagnostic> Diagnostics => _diagnostics;

    public string Translate(RubyBody program)
    {
        Statements(program);
        _out.CommentsBefore(int.MaxValue);
        var text = _out.ToString();
        if (_usesThisDirectory)
        {
            text += "\n"
                + "// Ruby's __dir__ / File.dirname(__FILE__): the directory of this file." + "\n"
                + "static string ThisDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = \"\") => Path.GetDirectoryName(path)!;" + "\n";
        }

        return text;
    }

    private void Warn(RubyNode node, string message) =>
        _diagnostics.Add(new ConversionDiagnostic(_file, node.At, ConversionSeverity.Warning, message));

    private static NotConvertibleException Cannot(RubyNode node, string reason) => new(node, reason);

    // ---- scopes: what each Ruby local is in C# ----

    private CsType? Lookup(string name)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].TryGetValue(name, out var type))
            {
                return type;
            }
        }

        return null;
    }

    private void Declare(string name, CsType type) => _scopes[^1][name] = type;

    private void InScope(Action body, params (string Name, CsType Type)[] names)
    {
        _scopes.Add(names.ToDictionary(n => n.Name, n => n.Type));
        try
        {
            body();
        }
        finally
        {
            _scopes.RemoveAt(_scopes.Count - 1);
        }
    }

    private static bool IsConfig(CsType type, Type clr) => type is CsType.Config c && c.ClrType == clr;

    private static bool IsRoot(CsType type) => IsConfig(type, typeof(RootConfig));
}
