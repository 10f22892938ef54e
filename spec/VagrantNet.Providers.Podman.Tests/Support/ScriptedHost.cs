using VagrantNet.Sdk.Plugins;
using VagrantNet.Testing;

namespace VagrantNet.Providers.Podman.Tests.Support;

/// <summary>
/// Answers host programs by the start of their command line (<c>podman create</c>, <c>virsh -c URI net-list</c>): the
/// longest matching prefix wins; anything unscripted exits 0 with no output. Every run is recorded by the runner.
/// </summary>
internal sealed class ScriptedHost
{
    private readonly List<(string Prefix, ProcessResult Result)> _answers = [];

    public ScriptedHost() => Runner = new FakeProcessRunner((request, _) => Task.FromResult(Answer(request)));

    public FakeProcessRunner Runner { get; }

    public ScriptedHost On(string prefix, string stdout = "", int exit = 0, string stderr = "")
    {
        _answers.Add((prefix, new ProcessResult(exit, stdout, stderr)));
        return this;
    }

    private ProcessResult Answer(ProcessRequest request)
    {
        var line = string.Join(' ', [request.Program, .. request.Arguments]);
        return _answers.Where(a => line.StartsWith(a.Prefix, StringComparison.Ordinal)).OrderByDescending(a => a.Prefix.Length).Select(a => a.Result).FirstOrDefault()
            ?? new ProcessResult(0, string.Empty, string.Empty);
    }
}
