namespace VagrantNet.Core.Conversion.Ruby;

public enum RubyTokenKind
{
    Identifier,
    Constant,
    InstanceVariable,
    GlobalVariable,
    Keyword,
    Integer,
    Float,
    String,
    Symbol,
    Regex,
    /// <summary><c>name:</c> or <c>"name":</c> in a hash or argument list.</summary>
    Label,
    /// <summary><c>%w[...]</c> / <c>%i[...]</c>: <see cref="RubyToken.Words"/> holds the items.</summary>
    Words,
    Operator,
    NewLine,
    Comment,
    End,
}

/// <summary>One token; <see cref="SpaceBefore"/> is what tells Ruby's <c>foo [1]</c> (a call) from <c>foo[1]</c>.</summary>
public sealed class RubyToken(RubyTokenKind kind, string text, RubyPosition at, bool spaceBefore)
{
    public RubyTokenKind Kind { get; } = kind;

    /// <summary>The identifier, keyword, operator, symbol name, label name, comment text or number text.</summary>
    public string Text { get; } = text;

    public RubyPosition At { get; } = at;

    public bool SpaceBefore { get; } = spaceBefore;

    /// <summary>A string's parts: <see cref="string"/> text and <see cref="List{T}"/> of tokens for each <c>#{...}</c>.</summary>
    public List<object> Parts { get; } = [];

    public bool Heredoc { get; init; }

    /// <summary>For a heredoc, the line of its terminator: the statement holding it ends there, not at the token.</summary>
    public int HeredocEndLine { get; set; }

    /// <summary>Whether a <see cref="RubyTokenKind.Words"/> token holds symbols (<c>%i</c>) rather than strings.</summary>
    public bool SymbolWords { get; init; }

    public List<string> Words { get; } = [];

    public bool Is(RubyTokenKind kind, string text) => Kind == kind && Text == text;

    public bool IsOperator(string text) => Is(RubyTokenKind.Operator, text);

    public bool IsKeyword(string text) => Is(RubyTokenKind.Keyword, text);

    public override string ToString() => $"{Kind} '{Text}' at {At}";
}
