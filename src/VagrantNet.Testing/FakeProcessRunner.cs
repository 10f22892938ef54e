using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Testing;

/// <summary>A process runner that starts nothing: it records each request and answers as the test says.</summary>
public sealed class FakeProcessRunner(Func<ProcessRequest, CancellationToken, Task<ProcessResult>> answer) : IProcessRunner
{
    private readonly List<ProcessRequest> _requests = [];

    /// <summary>Answers every request with exit status 0 and <paramref name="stdout"/>.</summary>
    public FakeProcessRunner(string stdout = "")
        : this((_, _) => Task.FromResult(new ProcessResult(0, stdout, string.Empty)))
    {
    }

    /// <summary>What <see cref="Find"/> answers: program name to path.</summary>
    public Dictionary<string, string> Programs { get; } = [];

    public IReadOnlyList<ProcessRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Each request as one line: the program and its arguments.</summary>
    public IReadOnlyList<string> CommandLines => [.. Requests.Select(r => string.Join(' ', [r.Program, .. r.Arguments]))];

    public Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellation)
    {
        lock (_requests)
        {
            _requests.Add(request);
        }

        return answer(request, cancellation);
    }

    public string? Find(string program) => Programs.GetValueOrDefault(program);
}
