using VagrantNet.Sdk.Machines;

namespace VagrantNet.Providers.Libvirt.Tests.Support;

/// <summary>Records what the steps tell the user, one <c>kind: message</c> line each.</summary>
internal sealed class RecordingMachineUi : IMachineUi
{
    private readonly List<string> _lines = [];

    /// <summary>A snapshot of the lines so far.</summary>
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
