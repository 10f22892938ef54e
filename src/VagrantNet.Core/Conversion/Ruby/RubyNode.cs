namespace VagrantNet.Core.Conversion.Ruby;

/// <summary>Where a node starts in the Ruby file: 1-based line and column, as diagnostics print them.</summary>
public readonly record struct RubyPosition(int Line, int Column)
{
    public override string ToString() => $"({Line},{Column})";
}

/// <summary>
/// A node of the Ruby syntax tree the converter reads. The tree covers the Ruby that Vagrantfiles are written in
/// (calls with and without parentheses, blocks, literals, interpolation, heredocs, conditionals, loops); anything beyond
/// that is refused by the parser with its position.
/// </summary>
public abstract record RubyNode(RubyPosition At);

/// <summary>A sequence of statements (a file, a block body, a branch).</summary>
public sealed record RubyBody(RubyPosition At, IReadOnlyList<RubyNode> Statements) : RubyNode(At)
{
    /// <summary>The last line of each statement (a heredoc's terminator included), for keeping one as a comment.</summary>
    public IReadOnlyList<int> EndLines { get; init; } = [];
}

public sealed record RubyNil(RubyPosition At) : RubyNode(At);

public sealed record RubyBool(RubyPosition At, bool Value) : RubyNode(At);

public sealed record RubyInteger(RubyPosition At, long Value) : RubyNode(At);

public sealed record RubyFloat(RubyPosition At, double Value, string Text) : RubyNode(At);

public sealed record RubySymbol(RubyPosition At, string Name) : RubyNode(At);

/// <summary>A string literal. <see cref="Parts"/> holds <see cref="string"/> text and <see cref="RubyNode"/> interpolations.</summary>
public sealed record RubyString(RubyPosition At, IReadOnlyList<object> Parts, bool Heredoc = false) : RubyNode(At)
{
    /// <summary>The text when the string has no interpolation, else null.</summary>
    public string? Literal => Parts.All(p => p is string) ? string.Concat(Parts.Cast<string>()) : null;
}

public sealed record RubyArray(RubyPosition At, IReadOnlyList<RubyNode> Items) : RubyNode(At);

public sealed record RubyPair(RubyNode Key, RubyNode Value);

public sealed record RubyHash(RubyPosition At, IReadOnlyList<RubyPair> Pairs, bool Braced) : RubyNode(At);

public sealed record RubyRange(RubyPosition At, RubyNode From, RubyNode To, bool Exclusive) : RubyNode(At);

/// <summary>A local variable read (the parser knows it was assigned or is a block parameter).</summary>
public sealed record RubyLocal(RubyPosition At, string Name) : RubyNode(At);

/// <summary>A constant, possibly scoped (<c>Vagrant</c>, <c>File::SEPARATOR</c>, <c>::Foo</c>).</summary>
public sealed record RubyConstant(RubyPosition At, RubyNode? Scope, string Name) : RubyNode(At);

public sealed record RubyInstanceVariable(RubyPosition At, string Name) : RubyNode(At);

/// <summary>A block given to a call: <c>do |a, b| ... end</c> or <c>{ |a| ... }</c>.</summary>
public sealed record RubyBlock(RubyPosition At, IReadOnlyList<string> Parameters, RubyBody Body) : RubyNode(At);

/// <summary>
/// A method call: <c>receiver.name(args) { block }</c>, with or without a receiver and parentheses. Keyword and hash
/// arguments at the end of the list are one trailing <see cref="RubyHash"/> with <c>Braced</c> false, as Ruby sees them.
/// </summary>
public sealed record RubyCall(RubyPosition At, RubyNode? Receiver, string Name, IReadOnlyList<RubyNode> Arguments, RubyBlock? Block, bool SafeNavigation = false) : RubyNode(At)
{
    public RubyHash? TrailingHash => Arguments.Count > 0 && Arguments[^1] is RubyHash { Braced: false } hash ? hash : null;

    public IReadOnlyList<RubyNode> Positional => TrailingHash is null ? Arguments : Arguments.Take(Arguments.Count - 1).ToList();
}

/// <summary><c>target[index]</c>.</summary>
public sealed record RubyIndex(RubyPosition At, RubyNode Target, IReadOnlyList<RubyNode> Arguments) : RubyNode(At);

/// <summary><c>target = value</c>; the target is a local, constant, attribute call or index.</summary>
public sealed record RubyAssign(RubyPosition At, RubyNode Target, RubyNode Value) : RubyNode(At);

/// <summary><c>target op= value</c> (<c>+=</c>, <c>||=</c>, <c>&lt;&lt;</c> is a call).</summary>
public sealed record RubyOpAssign(RubyPosition At, RubyNode Target, string Operator, RubyNode Value) : RubyNode(At);

/// <summary><c>a, b = x</c>.</summary>
public sealed record RubyMultiAssign(RubyPosition At, IReadOnlyList<RubyNode> Targets, RubyNode Value) : RubyNode(At);

public sealed record RubyBinary(RubyPosition At, string Operator, RubyNode Left, RubyNode Right) : RubyNode(At);

public sealed record RubyUnary(RubyPosition At, string Operator, RubyNode Operand) : RubyNode(At);

public sealed record RubyTernary(RubyPosition At, RubyNode Condition, RubyNode Then, RubyNode Else) : RubyNode(At);

/// <summary><c>if</c>/<c>unless</c> (also as a modifier); <c>elsif</c> chains nest in <see cref="Else"/>.</summary>
public sealed record RubyIf(RubyPosition At, RubyNode Condition, RubyBody Then, RubyNode? Else, bool Unless = false, bool Modifier = false) : RubyNode(At);

public sealed record RubyWhen(IReadOnlyList<RubyNode> Values, RubyBody Body);

public sealed record RubyCase(RubyPosition At, RubyNode? Subject, IReadOnlyList<RubyWhen> Whens, RubyBody? Else) : RubyNode(At);

public sealed record RubyWhile(RubyPosition At, RubyNode Condition, RubyBody Body, bool Until = false) : RubyNode(At);

/// <summary><c>for x in list ... end</c>.</summary>
public sealed record RubyFor(RubyPosition At, IReadOnlyList<string> Variables, RubyNode Collection, RubyBody Body) : RubyNode(At);

/// <summary><c>begin ... rescue ... ensure ... end</c>.</summary>
public sealed record RubyBegin(RubyPosition At, RubyBody Body, RubyBody? Rescue, RubyBody? Ensure) : RubyNode(At);

public sealed record RubyDef(RubyPosition At, string Name, IReadOnlyList<string> Parameters, RubyBody Body) : RubyNode(At);

/// <summary><c>-&gt;(a) { ... }</c> or <c>lambda { |a| ... }</c> / <c>proc</c>.</summary>
public sealed record RubyLambda(RubyPosition At, IReadOnlyList<string> Parameters, RubyBody Body) : RubyNode(At);

/// <summary><c>return</c>, <c>next</c>, <c>break</c>, with an optional value.</summary>
public sealed record RubyJump(RubyPosition At, string Keyword, RubyNode? Value) : RubyNode(At);

/// <summary>A comment line (kept so the converted file keeps the user's comments at their places).</summary>
public sealed record RubyComment(RubyPosition At, string Text) : RubyNode(At);

public sealed record RubyRegex(RubyPosition At, string Pattern, string Flags) : RubyNode(At);

/// <summary><c>class Name &lt; Base ... end</c> or <c>module Name ... end</c> (plugins defined inside a Vagrantfile).</summary>
public sealed record RubyClass(RubyPosition At, string Keyword, string Name, RubyBody Body) : RubyNode(At);
