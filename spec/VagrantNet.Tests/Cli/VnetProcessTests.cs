using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Cli;

/// <summary>The built <c>vnet</c> in a process of its own: what only a fresh process can show.</summary>
[TestFixture]
public class VnetProcessTests
{
    private const string RoslynLoaded = "Microsoft.CodeAnalysis loaded: True";
    private const string RoslynNotLoaded = "Microsoft.CodeAnalysis loaded: False";

    [Test]
    public async Task Status_On_A_Cache_Hit_Does_Not_Load_Roslyn()
    {
        // Given
        using var project = new ProjectFixture().WithVagrantfile("TwoMachines.csx");
        var environment = new Dictionary<string, string?> { ["VNET_HOME"] = project.Home, ["VNET_LOG"] = "debug" };

        // When
        var first = await VnetProcess.RunAsync(project.ProjectDirectory, environment, "status");
        var second = await VnetProcess.RunAsync(project.ProjectDirectory, environment, "status");

        // Then
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(first.Stderr, Does.Contain("Compiled " + project.VagrantfilePath));
        Assert.That(first.Stderr, Does.Contain(RoslynLoaded));
        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        Assert.That(second.Stderr, Does.Contain("Compiled-script cache hit for " + project.VagrantfilePath));
        Assert.That(second.Stderr, Does.Contain(RoslynNotLoaded));
        Assert.That(second.Stdout, Is.EqualTo(first.Stdout));
    }

    [Test]
    public async Task A_Cold_Compile_Records_The_Compilers_Jit_Profile_In_Vnet_Home()
    {
        // Given
        using var project = new ProjectFixture().WithVagrantfile("TwoMachines.csx");

        // When
        var run = await VnetProcess.RunAsync(project.ProjectDirectory, new Dictionary<string, string?> { ["VNET_HOME"] = project.Home }, "status");

        // Then: the runtime writes the profile as the process exits.
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var profile = new FileInfo(Path.Combine(project.Paths.JitProfiles, VagrantNet.Scripting.CompilerJitProfile.FileName));
        Assert.That(profile.Exists, Is.True, "no JIT profile was recorded");
        Assert.That(profile.Length, Is.GreaterThan(1000));
    }

    [Test]
    public async Task Logs_Go_To_Stderr_And_The_Table_To_Stdout()
    {
        // Given
        using var project = new ProjectFixture().WithVagrantfile("Minimal.csx");

        // When
        var run = await VnetProcess.RunAsync(project.ProjectDirectory, new Dictionary<string, string?> { ["VNET_HOME"] = project.Home, ["VNET_LOG"] = "debug" }, "status");

        // Then
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Not.Contain("DBUG"));
        Assert.That(run.Stdout, Does.Match(@"(?m)^default\s+not created"));
        Assert.That(run.Stderr, Does.Contain("DBUG"));
    }

    [Test]
    public async Task Without_Debug_Logging_Nothing_Is_Written_To_Stderr()
    {
        // Given
        using var project = new ProjectFixture().WithVagrantfile("Minimal.csx");

        // When
        var run = await VnetProcess.RunAsync(project.ProjectDirectory, new Dictionary<string, string?> { ["VNET_HOME"] = project.Home }, "status");

        // Then
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stderr, Is.Empty);
    }

    [Test]
    public async Task Version_Prints_Vnets_Version()
    {
        // Given
        using var project = new ProjectFixture();

        // When
        var run = await VnetProcess.RunAsync(project.ProjectDirectory, new Dictionary<string, string?> { ["VNET_HOME"] = project.Home }, "--version");

        // Then
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout.Trim(), Does.Match(@"^0\.1\.0(\+[0-9a-f]+)?$"));
    }

    [Test]
    public async Task Output_On_A_Full_Disk_Is_A_Message_On_Stderr_And_Exit_One()
    {
        // Given
        using var project = new ProjectFixture().WithVagrantfile("Minimal.csx");

        // When
        var run = await VnetProcess.RunWithStdoutAsync(project.ProjectDirectory, new Dictionary<string, string?> { ["VNET_HOME"] = project.Home }, stdoutTo: "/dev/full", "status");

        // Then
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stderr.Trim(), Is.EqualTo("vnet could not write its output to standard output (No space left on device). Check where stdout goes (a closed descriptor, a full disk, a pipe whose reader exited) and run the command again."));
    }

    [Test]
    public async Task System_Errors_Read_As_Sentences_Not_Resource_Keys()
    {
        // Given: a file where the project's .vnet directory belongs
        using var project = new ProjectFixture().WithVagrantfile("Minimal.csx").WithFile(".vnet/machines", "in the way");

        // When: a machine-name pattern no machine matches is refused before writing, so write through `init --output`
        var run = await VnetProcess.RunAsync(project.ProjectDirectory, new Dictionary<string, string?> { ["VNET_HOME"] = project.Home }, "init", "--output", ".vnet/machines/Vagrantfile.csx");

        // Then
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stderr, Does.StartWith("vnet could not access a file it needs: ").And.Contain(".vnet/machines").And.Not.Contain("IO_"));
        Assert.That(run.Stderr, Does.Match(@"[a-z]+ [a-z]+ [a-z]+"), "the system's reason is words");
    }

    [TestCase("System.Environment.Exit(7);")]
    [TestCase("while (true) { }")]
    public async Task Global_Status_Lists_The_Index_Without_Evaluating_The_Projects_In_It(string vagrantfile)
    {
        // Given: a machine in the index whose project's Vagrantfile.csx now exits the process or never finishes
        using var project = new ProjectFixture().WithVagrantfileText(vagrantfile);
        var entry = new VagrantNet.Core.Machines.MachineIndex(project.Paths.MachineIndex);
        entry.Set(null, new VagrantNet.Core.Machines.MachineIndexEntry("web", "libvirt", "running", project.VagrantfilePath, Path.Combine(project.ProjectDirectory, ".vnet")));
        project.WithFile(".vnet/machines/web/libvirt/id", "3f1c0d8e-0c1b-4c55-9d43-2f6a3b9b1e11");

        // When
        var run = await VnetProcess.RunAsync(project.ProjectDirectory, new Dictionary<string, string?> { ["VNET_HOME"] = project.Home }, "global-status");

        // Then
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("web").And.Contain("running").And.Contain(project.ProjectDirectory));
    }
}
