using VagrantNet.Sdk.Machines;

namespace VagrantNet.Tests.Support;

/// <summary>
/// Records what steps tell the user, one <c>kind: message</c> line each. Shared, as a linked source file, with the
/// libvirt provider's tests.
/// </summary>
internal sealed class RecordingUi : IMachineUi
{
    private readonly List<string> _lines = [];

    /// <summary>A snapshot of the lines so far (output can arrive from two streams at once).</summary>
    public List<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void Info(string message) => Add("info: " + message);

    public void Detail(string message) => Add("detail: " + message);

    public void Success(string message) => Add("success: " + message);

    public void Warn(string message) => Add("warn: " + message);

    public void Error(string message) => Add("error: " + message);

    public void Output(string line, bool isError = false) => Add("output: " + line);

    public IProgress<long> Progress(string title, long? total)
    {
        Add("progress: " + title);
        return new Progress<long>();
    }

    public bool Confirm(string question, bool fallback) => fallback;

    private void Add(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
