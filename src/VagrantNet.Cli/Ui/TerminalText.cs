using System.Text;

namespace VagrantNet.Cli.Ui;

/// <summary>Makes text safe to print: a message can carry bytes from a file or a guest, and raw escapes would drive the terminal.</summary>
internal static class TerminalText
{
    /// <summary>Control characters other than newline and tab written as visible escapes (<c>\u001b</c>).</summary>
    public static string Escape(string text) => Sdk.Config.UserText.EscapeMessage(text);
}

/// <summary>Stderr as the CLI prints errors on it: every message escaped, so parse errors echoing a token are safe too.</summary>
internal sealed class EscapingWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(TerminalText.Escape(value.ToString()));

    public override void Write(string? value) => inner.Write(value is null ? null : TerminalText.Escape(value));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : TerminalText.Escape(value));

    public override void Flush() => inner.Flush();
}

/// <summary>
/// Stdout: a write that fails (stdout closed, on a full disk, a pipe whose reader left) becomes a user error that
/// says so, rather than a crash with a trace.
/// </summary>
internal sealed class GuardedOutput(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void WriteLine() => Guard(inner.WriteLine);

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override void Flush() => Guard(inner.Flush);

    public override Task WriteAsync(string? value) => GuardAsync(() => inner.WriteAsync(value));

    public override Task WriteLineAsync(string? value) => GuardAsync(() => inner.WriteLineAsync(value));

    public override Task FlushAsync() => GuardAsync(inner.FlushAsync);

    private static void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            throw new OutputFailedException(e);
        }
    }

    private static async Task GuardAsync(Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            throw new OutputFailedException(e);
        }
    }
}

/// <summary>Stdout could not be written: a user error (where the output went), printed on stderr.</summary>
internal sealed class OutputFailedException(Exception inner)
    : Core.VnetException($"vnet could not write its output to standard output ({inner.Message}). Check where stdout goes (a closed descriptor, a full disk, a pipe whose reader exited) and run the command again.", inner);
