using VagrantNet.Core.Processes;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Testing;

namespace VagrantNet.Tests.HostProcesses;

[TestFixture]
public class ProcessRunnerTests
{
    private readonly CapturingLogger _log = new();

    [Test]
    public async Task Run_FeedsStandardInput_AndCollectsBothOutputsAndTheExitStatus()
    {
        // Given
        var lines = new List<string>();
        var request = new ProcessRequest("sh", ["-c", "cat; echo oops >&2; exit 3"]) { StandardInput = "hello\n", OnStdout = lines.Add };

        // When
        var result = await Runner().RunAsync(request, CancellationToken.None);

        // Then
        Assert.That(result, Is.EqualTo(new ProcessResult(3, "hello" + System.Environment.NewLine, "oops" + System.Environment.NewLine)));
        Assert.That(lines, Is.EqualTo(new[] { "hello" }));
    }

    [Test]
    public async Task Run_LogsTheProgramWithItsArguments()
    {
        // When
        await Runner().RunAsync(new ProcessRequest("sh", ["-c", "exit 0"]), CancellationToken.None);

        // Then
        Assert.That(_log.Messages, Does.Contain("Running sh -c 'exit 0'"));
    }

    [Test]
    public async Task Cancelling_KillsTheWholeProcessTree()
    {
        // Given: a shell whose child sleeps; the shell prints the child's pid
        using var cancel = new CancellationTokenSource();
        var child = new TaskCompletionSource<int>();
        var request = new ProcessRequest("sh", ["-c", "sleep 60 & echo $!; wait"]) { OnStdout = line => child.TrySetResult(int.Parse(line, System.Globalization.CultureInfo.InvariantCulture)) };
        var run = Runner().RunAsync(request, cancel.Token);
        var pid = await child.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // When
        await cancel.CancelAsync();

        // Then
        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(() => Gone(pid), Is.True.After(5000, 50));
    }

    [Test]
    public void Run_OfAProgramNotInstalled_NamesTheProgram()
    {
        // When
        var error = Assert.ThrowsAsync<HostProgramMissingException>(() => Runner().RunAsync(new ProcessRequest("vnet-no-such-program", []), CancellationToken.None));

        // Then
        Assert.That(error!.Program, Is.EqualTo("vnet-no-such-program"));
        Assert.That(error.Message, Does.Contain("Could not run 'vnet-no-such-program' on this host").And.Contain("Is it installed?"));
    }

    [Test]
    public void Find_LooksAProgramUpOnPath_AndTakesAPathAsIs()
    {
        // When
        var runner = Runner();

        // Then
        Assert.That(runner.Find("sh"), Does.EndWith("/sh").And.Matches<string>(File.Exists));
        Assert.That(runner.Find("vnet-no-such-program"), Is.Null);
        Assert.That(runner.Find("/bin/sh"), Is.EqualTo("/bin/sh"));
        Assert.That(runner.Find("/no/such/sh"), Is.Null);
    }

    private ProcessRunner Runner() => new(_log);

    /// <summary>Whether the process has ended: no longer listed, or a zombie nobody reaped yet.</summary>
    private static bool Gone(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return true;
        }
    }
}
