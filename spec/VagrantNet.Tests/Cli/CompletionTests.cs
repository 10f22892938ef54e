using System.Diagnostics;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Cli;

/// <summary><c>vnet completion</c>: the scripts, and the completions vnet gives them for a command line.</summary>
[TestFixture]
[NonParallelizable]
public class CompletionTests
{
    private ProjectFixture _project = null!;

    [SetUp]
    public void CreateProject()
    {
        _project = new ProjectFixture().WithVagrantfile("TwoMachines.csx");
        var box = Directory.CreateDirectory(Path.Combine(_project.Home, "boxes", "vnet-VAGRANTSLASH-debian12", "1.0.0", "amd64", "libvirt")).FullName;
        File.WriteAllText(Path.Combine(box, "metadata.json"), """{"provider":"libvirt","format":"qcow2"}""");
    }

    [TearDown]
    public void DeleteProject() => _project.Dispose();

    private Dictionary<string, string?> Environment => new()
    {
        ["VNET_HOME"] = _project.Home,
        ["VNET_LOG"] = null,
        ["VNET_VAGRANTFILE"] = null,
        ["VNET_DEFAULT_PROVIDER"] = null,
    };

    /// <summary>What the scripts ask: the words after <c>vnet</c> with the cursor at their end.</summary>
    private async Task<IReadOnlyList<string>> CompletionsAsync(string line)
    {
        var run = await InProcessVnet.RunAsync(_project.ProjectDirectory, Environment, $"[suggest:{line.Length}]", line);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        return run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    [Test]
    public async Task Completes_A_Command_From_Its_First_Letters()
    {
        var items = await CompletionsAsync(" st");

        Assert.That(items, Is.EquivalentTo(new[] { "status" }));
    }

    [Test]
    public async Task Completes_An_Option_Of_A_Command()
    {
        var items = await CompletionsAsync(" up --pro");

        Assert.That(items, Is.EquivalentTo(new[] { "--provider", "--provision", "--provision-with" }));
    }

    [Test]
    public async Task Completes_The_Machine_Names_Of_The_Project()
    {
        var items = await CompletionsAsync(" ssh ");

        Assert.That(items, Is.EquivalentTo(new[] { "web", "db" }));
    }

    [Test]
    public async Task Completes_The_Names_Of_The_Installed_Boxes()
    {
        var items = await CompletionsAsync(" box remove ");

        Assert.That(items, Is.EquivalentTo(new[] { "vnet/debian12" }));
    }

    [Test]
    public async Task Offers_No_Machine_Names_Outside_A_Project()
    {
        File.Delete(_project.VagrantfilePath);

        var run = await InProcessVnet.RunAsync(_project.ProjectDirectory, Environment, "[suggest:5]", " ssh ");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout.Trim(), Is.Empty, run.ToString());
        Assert.That(run.Stderr, Is.Empty, run.ToString());
    }

    [Test]
    public async Task Refuses_An_Unknown_Shell_Naming_The_Shells_It_Knows()
    {
        var run = await InProcessVnet.RunAsync(_project.ProjectDirectory, Environment, "completion", "powershell");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
        Assert.That(run.Stderr, Does.Contain("powershell").And.Contain("bash").And.Contain("zsh").And.Contain("fish"));
    }

    [TestCase("bash")]
    [TestCase("zsh")]
    [TestCase("fish")]
    public async Task Prints_A_Script_That_Registers_Completion_For_Vnet(string shell)
    {
        var run = await InProcessVnet.RunAsync(_project.ProjectDirectory, Environment, "completion", shell);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("[suggest:"));
        Assert.That(run.Stdout, Does.Contain(shell == "zsh" ? "compdef _vnet vnet" : "complete "));
    }

    [Test]
    public async Task The_Bash_Script_Is_Valid_Bash()
    {
        var script = (await InProcessVnet.RunAsync(_project.ProjectDirectory, Environment, "completion", "bash")).Stdout;

        var (exit, output) = Bash(["-n"], script, new Dictionary<string, string?>());

        Assert.That(exit, Is.Zero, output);
    }

    /// <summary>The script, sourced by a real bash, asking the built vnet as a user's TAB would.</summary>
    [TestCase("vnet st", "status")]
    [TestCase("vnet up --pro", "--provider")]
    [TestCase("vnet ssh ", "web db")]
    [TestCase("vnet box remove ", "vnet/debian12")]
    public async Task The_Bash_Script_Completes_Through_The_Built_Vnet(string line, string expected)
    {
        // Given: vnet on PATH is the built one.
        var script = (await InProcessVnet.RunAsync(_project.ProjectDirectory, Environment, "completion", "bash")).Stdout;
        var bin = Directory.CreateDirectory(Path.Combine(_project.Root, "bin")).FullName;
        var wrapper = Path.Combine(bin, "vnet");
        var dotnet = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec '{dotnet}' '{TestPaths.VnetDll}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var test = script + """
            read -ra COMP_WORDS <<< "$LINE"
            [[ "$LINE" == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMP_LINE="$LINE"
            COMP_POINT=${#LINE}
            _vnet_complete
            printf '%s\n' "${COMPREPLY[@]}"
            """;

        // When
        var (exit, output) = Bash([], test, new Dictionary<string, string?>
        {
            ["LINE"] = line,
            ["PATH"] = bin + ":" + System.Environment.GetEnvironmentVariable("PATH"),
            ["VNET_HOME"] = _project.Home,
        });

        // Then
        Assert.That(exit, Is.Zero, output);
        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.SupersetOf(expected.Split(' ')), output);
    }

    private (int Exit, string Output) Bash(IReadOnlyList<string> options, string script, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = _project.ProjectDirectory, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }
}
