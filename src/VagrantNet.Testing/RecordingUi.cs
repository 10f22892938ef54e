using VagrantNet.Sdk.Machines;

namespace VagrantNet.Testing;

/// <summary>Records what steps tell the user, one <c>kind: message</c> line each (<c>info: Creating the domain</c>).</summary>
public sealed class RecordingUi : IMachineUi
{
    private readonly List<string> _lines = [];

    /// <summary>A snapshot of the lines so far (output can arrive from two streams at once).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Every line so far, joined by newlines.</summary>
    public string Text => string.Join('\n', Lines);

    /// <summary>Called with the title and value of every progress report, e.g. to interrupt a download midway.</summary>
    public Action<string, long>? OnProgress { get; set; }

    public void Info(string message) => Add("info: " + message);

    public void Detail(string message) => Add("detail: " + message);

    public void Success(string message) => Add("success: " + message);

    public void Warn(string message) => Add("warn: " + message);

    public void Error(string message) => Add("error: " + message);

    public void Output(string line, bool isError = false) => Add("output: " + line);

    public IProgress<long> Progress(string title, long? total)
    {
        Add("progress: " + title);
        return new Reporter(this, title);
    }

    /// <summary>Answers the fallback, as a UI without a terminal does.</summary>
    public bool Confirm(string question, bool fallback) => fallback;

    private void Add(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }

    /// <summary>Reports synchronously (unlike <see cref="Progress{T}"/>), so a test sees each value before the step goes on.</summary>
    private sealed class Reporter(RecordingUi ui, string title) : IProgress<long>
    {
        public void Report(long value) => ui.OnProgress?.Invoke(title, value);
    }
}
