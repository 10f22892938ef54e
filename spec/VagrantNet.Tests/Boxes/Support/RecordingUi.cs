using System.Collections.Concurrent;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Tests.Boxes.Support;

/// <summary>An IMachineUi that keeps every line, and can run an action on progress (to interrupt an add midway).</summary>
internal sealed class RecordingUi : IMachineUi
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public Action<string, long>? OnProgress { get; set; }

    public string Text => string.Join('\n', Lines);

    public void Info(string message) => Lines.Enqueue("info: " + message);

    public void Detail(string message) => Lines.Enqueue("detail: " + message);

    public void Success(string message) => Lines.Enqueue("success: " + message);

    public void Warn(string message) => Lines.Enqueue("warn: " + message);

    public void Error(string message) => Lines.Enqueue("error: " + message);

    public void Output(string line, bool isError = false) => Lines.Enqueue("output: " + line);

    public IProgress<long> Progress(string title, long? total) => new Reporter(this, title);

    public bool Confirm(string question, bool fallback) => fallback;

    private sealed class Reporter(RecordingUi ui, string title) : IProgress<long>
    {
        public void Report(long value) => ui.OnProgress?.Invoke(title, value);
    }
}
