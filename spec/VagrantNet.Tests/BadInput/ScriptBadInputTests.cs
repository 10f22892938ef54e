using System.Diagnostics;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.BadInput;

/// <summary>
/// Vagrantfile.csx inputs that must be refused as user errors: exit 1, one message naming the script (and line) and
/// what is wrong, no trace, no control characters, nothing written outside the project and VNET_HOME.
/// </summary>
[TestFixture]
[NonParallelizable]
public class ScriptBadInputTests
{
    /// <summary>One bad input: how to set the project up, what the message must name, and whether it needs a vnet process of its own.</summary>
    internal sealed record Case(string Name, Action<ProjectFixture> Arrange, string[] Names, bool OwnProcess = false, string Command = "status");

    private static readonly string BigScript = "// " + new string('x', 2 * 1024 * 1024) + "\nVagrant.Configure(config => config.Vm.Box = \"x\");\n";

    /// <summary>The cases by name: NUnit shows the name, and the fixture types stay internal.</summary>
    public static IEnumerable<string> CaseNames() => Cases().Select(c => c.Name);

    private static IEnumerable<Case> Cases() =>
    [
        new("Define with a null name", p => p.WithVagrantfileText("Vagrant.Configure(config => config.Vm.Define(null, m => { }));"), ["Vagrantfile.csx(1,29)", "VmConfig.Define", "'name'"]),
        new("SyncedFolder with a null guest path", p => p.WithVagrantfileText("Vagrant.Configure(config => config.Vm.SyncedFolder(\".\", null));"), ["Vagrantfile.csx(1,29)", "VmConfig.SyncedFolder", "'guest'"]),
        new("SyncedFolder with a null host path", p => p.WithVagrantfileText("Vagrant.Configure(config =>\n{\n    config.Vm.SyncedFolder(null, \"/vagrant\");\n});"), ["Vagrantfile.csx(3,5)", "VmConfig.SyncedFolder", "'host'"]),
        new("Provision.File with a null source", p => p.WithVagrantfileText("Vagrant.Configure(config =>\n{\n    config.Vm.Provision.File(null, \"/tmp/x\");\n});"), ["Vagrantfile.csx(3,5)", "ProvisionConfig.File", "'source'"]),
        new("null passed to Define inside a Define block", p => p.WithVagrantfileText("Vagrant.Configure(config => config.Vm.Define(\"web\", m => m.Vm.SyncedFolder(\".\", null)));"), ["Vagrantfile.csx(1,58)", "VmConfig.SyncedFolder", "'guest'"], Command: "validate"),
        new("a method that recurses without end", p => p.WithVagrantfileText("int Depth(int n) => Depth(n + 1) + 1;\nVagrant.Configure(config => config.Vm.Box = Depth(0).ToString());"), ["Vagrantfile.csx(1,", "recursed too deeply (stack overflow)"]),
        new("a local function that recurses without end", p => p.WithVagrantfileText("Vagrant.Configure(config =>\n{\n    void Loop() { Loop(); }\n    Loop();\n});"), ["Vagrantfile.csx(3,", "recursed too deeply (stack overflow)"]),
        new("a lambda that recurses through its delegate", p => p.WithVagrantfileText("Func<int, int> f = null!;\nf = n => f(n + 1);\nVagrant.Configure(config => f(0));"), ["Vagrantfile.csx(2,", "recursed too deeply (stack overflow)"]),
        new("a property getter that recurses", p => p.WithVagrantfileText("class Box { public string Name => Name + \"x\"; }\nVagrant.Configure(config => config.Vm.Box = new Box().Name);"), ["Vagrantfile.csx(1,", "recursed too deeply (stack overflow)"]),
        new("Environment.Exit", p => p.WithVagrantfileText("Environment.Exit(3);"), ["Vagrantfile.csx(1,1): error VNET0001", "Environment.Exit"]),
        new("Environment.FailFast in a block", p => p.WithVagrantfileText("Vagrant.Configure(config =>\n{\n    System.Environment.FailFast(\"bye\");\n});"), ["Vagrantfile.csx(3,5): error VNET0001", "Environment.FailFast"]),
        new("Environment.Exit as a method group", p => p.WithVagrantfileText("Action<int> quit = Environment.Exit;\nquit(0);"), ["Vagrantfile.csx(1,20): error VNET0001", "Environment.Exit"]),
        new("an exception on a thread the script starts", p => p.WithVagrantfileText("var t = new System.Threading.Thread(() => throw new InvalidOperationException(\"from the thread\"));\nt.Start();\nt.Join();"), ["Vagrantfile.csx(1,", "a thread the script started failed", "from the thread"], OwnProcess: true),
        new("#load of /dev/zero", p => p.WithVagrantfileText("#load \"/dev/zero\"\nVagrant.Configure(config => config.Vm.Box = \"x\");"), ["Vagrantfile.csx(1,7)", "/dev/zero", "not a regular file"]),
        new("a Vagrantfile.csx linked to /dev/zero", p => File.CreateSymbolicLink(p.VagrantfilePath, "/dev/zero"), ["Vagrantfile.csx", "not a regular file"]),
        new("a Vagrantfile.csx that is a FIFO", p => MakeFifo(p.VagrantfilePath), ["Vagrantfile.csx", "not a regular file"]),
        new("a Vagrantfile.csx over the size limit", p => p.WithVagrantfileText(BigScript), ["Vagrantfile.csx", "larger than 1 MiB"]),
        new("a #loaded file over the size limit", p => p.WithVagrantfileText("#load \"big.csx\"\n").WithFile("big.csx", BigScript), ["big.csx", "larger than 1 MiB"]),
        new("a directory named Vagrantfile.csx", p => Directory.CreateDirectory(p.VagrantfilePath), ["Vagrantfile.csx is a directory"]),
        new("a dangling Vagrantfile.csx link", p => File.CreateSymbolicLink(p.VagrantfilePath, Path.Combine(p.Root, "gone.csx")), ["Vagrantfile.csx is a symbolic link", "gone.csx", "does not exist"]),
        new("a #load of a missing file", p => p.WithVagrantfileText("#load \"missing.csx\"\n"), ["Vagrantfile.csx(1,7)", "missing.csx"]),
        new("an exception message with terminal escapes", p => p.WithVagrantfileText("throw new ConfigurationException(\"\\u001b[2J\\u001b]0;owned\\u0007 cleared\");"), ["Vagrantfile.csx(1,1)", "\\u001b[2J", "cleared"]),
        new("a raw escape character in the source", p => p.WithVagrantfileText("Vagrant.Configure(config => config.Vm.Box = \"x\"\u001b[31m);"), ["Vagrantfile.csx(1,"]),
        new("an invalid #r nuget reference", p => p.WithVagrantfileText("#r \"nuget: Newtonsoft.Json, 13.0.1\"\n"), ["Vagrantfile.csx(1,1)", "NuGet references are not supported"]),
    ];

    [TestCaseSource(nameof(CaseNames))]
    public async Task Should_Refuse_The_Script_With_One_Clear_Line(string name)
    {
        // Given
        var bad = Cases().Single(c => c.Name == name);
        using var project = new ProjectFixture();
        bad.Arrange(project);
        var before = BadInputOutcome.Snapshot(project.Root);

        // When
        var environment = new Dictionary<string, string?> { ["VNET_HOME"] = project.Home };
        var run = bad.OwnProcess
            ? await VnetProcess.RunAsync(project.ProjectDirectory, environment, bad.Command)
            : await InProcessVnet.RunAsync(project.ProjectDirectory, environment, bad.Command);

        // Then
        BadInputOutcome.AssertRefused(run, bad.Names);
        var changed = BadInputOutcome.Snapshot(project.Root).Except(before).Where(e => !e.StartsWith("home" + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !e.StartsWith("home ", StringComparison.Ordinal));
        Assert.That(changed, Is.Empty, "nothing outside VNET_HOME changes");
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.Zero, "mkfifo");
    }
}
