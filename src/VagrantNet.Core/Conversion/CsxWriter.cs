using System.Text;

namespace VagrantNet.Core.Conversion;

/// <summary>Indented C# lines, and the Ruby comments put back before the statement that followed them.</summary>
internal sealed class CsxWriter(IReadOnlyList<Ruby.RubyComment> comments, string[] rubyLines)
{
    private readonly StringBuilder _text = new();
    private int _indent;
    private int _nextComment;
    private bool _blankAllowed;

    /// <summary>Keeps the blank line the Ruby had above <paramref name="line"/>, the file's paragraphs.</summary>
    public void BlankLineBefore(int line)
    {
        if (_blankAllowed && line >= 2 && line - 2 < RubyLines.Length && RubyLines[line - 2].Trim().Length == 0)
        {
            Line();
        }
    }

    public string[] RubyLines { get; } = rubyLines;

    public void Line(string line = "")
    {
        _blankAllowed = line.Length > 0 && !line.EndsWith('{');
        if (line.Length == 0)
        {
            _text.Append('\n');
            return;
        }

        foreach (var part in line.Split('\n'))
        {
            _text.Append(' ', _indent * 4).Append(part).Append('\n');
        }
    }

    public void Indent() => _indent++;

    public void Outdent() => _indent--;

    public string IndentText => new(' ', _indent * 4);

    /// <summary>Writes the Ruby comments that stood above <paramref name="line"/> (but not Ruby's editor mode lines).</summary>
    public void CommentsBefore(int line)
    {
        while (_nextComment < comments.Count && comments[_nextComment].At.Line < line)
        {
            var comment = comments[_nextComment++];
            BlankLineBefore(comment.At.Line);
            var modeLine = comment.At.Line <= 2 && (comment.Text.Contains("-*-", StringComparison.Ordinal) || comment.Text.Contains("ft=ruby", StringComparison.Ordinal));
            if (!modeLine)
            {
                Line("//" + comment.Text);
            }
        }
    }

    /// <summary>Drops the comments on lines up to <paramref name="line"/>: they are inside Ruby kept as a comment.</summary>
    public void SkipCommentsThrough(int line)
    {
        while (_nextComment < comments.Count && comments[_nextComment].At.Line <= line)
        {
            _nextComment++;
        }
    }

    /// <summary>Writes the Ruby comments left at the end of the current line (<c>x = 1 # why</c>) after the statement.</summary>
    public void TrailingCommentOn(int line)
    {
        if (_nextComment < comments.Count && comments[_nextComment].At.Line == line)
        {
            var comment = comments[_nextComment++];
            var last = _text.Length - 1;
            _text.Insert(last, " //" + comment.Text);
        }
    }

    public override string ToString() => _text.ToString();
}
