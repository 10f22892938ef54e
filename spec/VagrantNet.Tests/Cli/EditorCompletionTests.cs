using System.Diagnostics;
using System.Text.Json;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Cli;

/// <summary>
/// The README's promise that an editor completes a Vagrantfile.csx, checked with a real language server: vnet's
/// <c>init</c> and <c>editor</c> run as a user runs them, then csharp-ls (over stdio, nothing but loopback pipes) opens
/// the project and is asked for completions where a user would type.
/// </summary>
[Category("EditorCompletion")]
public class EditorCompletionTests
{
    /// <summary>The server loads the generated project with MSBuild first: seconds on a quiet machine, more on a busy one.</summary>
    private static readonly TimeSpan WorkspaceLoad = TimeSpan.FromMinutes(4);

    private const string Vagrantfile = """
        #load "common.csx"
        using VagrantNet.Providers.Libvirt;

        Vagrant.Configure(config =>
        {
            config.Vm.Box = Common.Box;
            config.Vm.Provider<LibvirtConfig>(lv => { lv.Memory = 1024; lv.Cpus = 2; });
        });

        """;

    private const string Common = """
        public static class Common
        {
            public const string Box = "debian12";
        }

        """;

    private string _root = null!;
    private string _project = null!;
    private Dictionary<string, string?> _environment = null!;

    [SetUp]
    public void CreateProject()
    {
        _root = Directory.CreateTempSubdirectory("vnet-editor-").FullName;
        _project = Directory.CreateDirectory(Path.Combine(_root, "project")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(_root, "home")).FullName;
        TestPaths.InstallLibvirtPlugin(Path.Combine(home, "plugins"));
        _environment = new() { ["VNET_HOME"] = home };
    }

    [TearDown]
    public void RemoveProject() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task AfterInit_TheLanguageServerCompletesTheDslAndTheLibvirtSettings_AndVnetStillValidates()
    {
        // Given
        await RunVnetAsync("init");
        File.WriteAllText(Path.Combine(_project, "Vagrantfile.csx"), Vagrantfile);
        File.WriteAllText(Path.Combine(_project, "common.csx"), Common);
        var editor = await RunVnetAsync("editor");
        Assert.That(editor.Stdout, Does.Contain("is up to date"), "init wrote the editor files already");
        await RunVnetAsync("validate");

        // When
        var (vm, libvirt) = await CompleteAsync(("config.Vm.", "Box"), ("lv.", "Memory"));

        // Then
        Assert.That(vm, Is.SupersetOf(new[] { "Box", "Network", "SyncedFolder", "Provision", "Provider", "Define" }));
        Assert.That(libvirt, Is.SupersetOf(new[] { "Memory", "Cpus" }));
    }

    private async Task<VnetRun> RunVnetAsync(params string[] args)
    {
        var run = await VnetProcess.RunAsync(_project, _environment, args);
        Assert.That(run.ExitCode, Is.Zero, $"vnet {string.Join(' ', args)}:\n{run.Stdout}\n{run.Stderr}");
        return run;
    }

    /// <summary>
    /// Opens the Vagrantfile in csharp-ls and asks for completions right after each <c>receiver</c> (its first
    /// occurrence), retrying until the answer has the <c>expected</c> item: until the server has loaded the project it
    /// answers with nothing or an error.
    /// </summary>
    private async Task<(IReadOnlyList<string> First, IReadOnlyList<string> Second)> CompleteAsync((string Receiver, string Expected) first, (string Receiver, string Expected) second)
    {
        var path = Path.Combine(_project, "Vagrantfile.csx");
        var text = File.ReadAllText(path);
        var uri = new Uri(path).AbsoluteUri;
        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(WorkspaceLoad);
        await using var server = LspClient.Start(CsharpLs.StartInfo(await CsharpLs.ExecutableAsync(), _project));
        try
        {
            var root = new Uri(_project).AbsoluteUri;
            await server.RequestAsync("initialize", new
            {
                processId = Environment.ProcessId,
                rootUri = root,
                workspaceFolders = new[] { new { uri = root, name = "project" } },
                capabilities = new { textDocument = new { completion = new { completionItem = new { snippetSupport = false } } } },
            }, timeout.Token);
            await server.NotifyAsync("initialized", new { }, timeout.Token);
            await server.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text } }, timeout.Token);

            var firstItems = await CompleteUntilAsync(server, uri, Position(text, first.Receiver), first.Expected, timeout.Token);
            var secondItems = await CompleteUntilAsync(server, uri, Position(text, second.Receiver), second.Expected, timeout.Token);
            TestContext.Out.WriteLine($"csharp-ls completed after {clock.Elapsed.TotalSeconds:F1} s");
            return (firstItems, secondItems);
        }
        catch (IOException e)
        {
            // csharp-ls stops on its own when it finds no project to load.
            throw new AssertionException($"csharp-ls stopped before it completed anything in {_project} (editor files: {string.Join(", ", EditorFiles())}): {e.Message}");
        }
        catch (OperationCanceledException)
        {
            throw new AssertionException($"csharp-ls gave no completion with {first.Expected} after `{first.Receiver}` and {second.Expected} after `{second.Receiver}` within {WorkspaceLoad} in {_project} (editor files: {string.Join(", ", EditorFiles())}).\n{server.ServerOutput}");
        }
    }

    private static async Task<IReadOnlyList<string>> CompleteUntilAsync(LspClient server, string uri, object position, string expected, CancellationToken cancellation)
    {
        while (true)
        {
            try
            {
                var result = await server.RequestAsync("textDocument/completion", new { textDocument = new { uri }, position }, cancellation);
                var labels = Labels(result);
                if (labels.Contains(expected))
                {
                    return labels;
                }
            }
            catch (LspErrorException)
            {
                // Not loaded yet: asked again below.
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
        }
    }

    /// <summary>The labels of a CompletionList or a bare CompletionItem[] (both are valid answers).</summary>
    private static List<string> Labels(JsonElement result)
    {
        var items = result.ValueKind switch
        {
            JsonValueKind.Array => result,
            JsonValueKind.Object when result.TryGetProperty("items", out var list) => list,
            _ => default,
        };
        return items.ValueKind == JsonValueKind.Array ? [.. items.EnumerateArray().Select(i => i.GetProperty("label").GetString()!)] : [];
    }

    /// <summary>The LSP position (0-based line and UTF-16 column) just after the first <paramref name="receiver"/>.</summary>
    private static object Position(string text, string receiver)
    {
        var offset = text.IndexOf(receiver, StringComparison.Ordinal) + receiver.Length;
        var before = text[..offset];
        var line = before.Count(c => c == '\n');
        return new { line, character = offset - (before.LastIndexOf('\n') + 1) };
    }

    private IEnumerable<string> EditorFiles()
    {
        var directory = Path.Combine(_project, ".vnet", "editor");
        return Directory.Exists(directory) ? Directory.GetFiles(directory).Select(Path.GetFileName).OfType<string>() : ["none"];
    }
}
