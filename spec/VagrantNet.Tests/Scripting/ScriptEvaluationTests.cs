using System.Diagnostics;
using VagrantNet.Core;
using VagrantNet.Core.IO;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Scripting;

/// <summary>How vnet runs script code: runaway recursion, the script's stdout, empty scripts, interrupts, exits.</summary>
[TestFixture]
[NonParallelizable]
public class ScriptEvaluationTests
{
    private ProjectFixture _project = null!;

    [SetUp]
    public void SetUp() => _project = new ProjectFixture();

    [TearDown]
    public void TearDown() => _project.Dispose();

    private Dictionary<string, string?> Environment => new() { ["VNET_HOME"] = _project.Home };

    private async Task<string> LoadErrorAsync()
    {
        var error = Assert.CatchAsync<VnetException>(() => _project.LoadProjectAsync());
        await Task.CompletedTask;
        return error!.Message;
    }

    public class TheRecursionGuard : ScriptEvaluationTests
    {
        [Test]
        public async Task Should_Report_Runaway_Recursion_At_The_Recursing_Method_Instead_Of_Crashing()
        {
            // Given
            _project.WithVagrantfileText("Vagrant.Configure(config => config.Vm.Box = \"x\");\nint Depth(int n)\n{\n    return Depth(n + 1);\n}\nDepth(0);\n");

            // When
            var message = await LoadErrorAsync();

            // Then
            Assert.That(message, Is.EqualTo(DisplayPath.Of(_project.VagrantfilePath) + "(3,3): error: the script recursed too deeply (stack overflow)"));
        }

        [Test]
        public async Task Should_Keep_The_Column_Of_A_Compile_Error_On_A_Line_Where_Checks_Were_Inserted()
        {
            // Given
            _project.WithVagrantfileText("Vagrant.Configure(config => { config.Vm.Define(\"a\", m => { m.Vm.Box = 1; }); });\nVagrant.Configure(config => config.Vm.Hostname = 2);\n");

            // When
            var message = await LoadErrorAsync();

            // Then
            var file = DisplayPath.Of(_project.VagrantfilePath);
            Assert.That(message.Split(System.Environment.NewLine).Select(l => l[..l.IndexOf(": error", StringComparison.Ordinal)]), Is.EqualTo(new[] { file + "(1,71)", file + "(2,50)" }));
        }

        [Test]
        public async Task Should_Keep_The_Column_Of_A_Runtime_Error_On_A_Line_Where_Checks_Were_Inserted()
        {
            // Given
            const string Script = "Vagrant.Configure(config => { var a = new int[0]; config.Vm.Box = a[1].ToString(); });";
            _project.WithVagrantfileText(Script + "\n");

            // When
            var message = await LoadErrorAsync();

            // Then
            var column = Script.IndexOf("config.Vm.Box = a", StringComparison.Ordinal) + 1;
            Assert.That(message, Does.StartWith($"{DisplayPath.Of(_project.VagrantfilePath)}(1,{column}): error: IndexOutOfRangeException"));
        }
    }

    public class TheScriptsOwnOutput : ScriptEvaluationTests
    {
        [Test]
        public async Task Should_Go_To_Stderr_So_Machine_Readable_Output_Stays_Parseable()
        {
            // Given
            _project.WithVagrantfileText("Console.WriteLine(\"hello from the script\");\nVagrant.Configure(config => { Console.Write(\"configuring\"); config.Vm.Box = \"x\"; });\n");

            // When
            var run = await InProcessVnet.RunAsync(_project.ProjectDirectory, Environment, "status", "--machine-readable");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.All.Match(@"^\d+,[^,]*,[^,]+,"));
            Assert.That(run.Stderr, Does.Contain("hello from the script").And.Contain("configuring"));
        }
    }

    public class AnEmptyScript : ScriptEvaluationTests
    {
        [TestCase("")]
        [TestCase("// only a comment\n/* and another */\n")]
        public async Task Should_Define_One_Default_Machine_As_An_Empty_Vagrantfile_Does(string text)
        {
            // Given
            _project.WithVagrantfileText(text);

            // When
            var status = await InProcessVnet.RunAsync(_project.ProjectDirectory, Environment, "status");
            var validate = await InProcessVnet.RunAsync(_project.ProjectDirectory, Environment, "validate");

            // Then
            Assert.That(status.ExitCode, Is.Zero, status.ToString());
            Assert.That(status.Stdout, Does.Match(@"default\s+not created"));
            Assert.That(validate.ExitCode, Is.EqualTo(1), validate.ToString());
            Assert.That(validate.Stdout + validate.Stderr, Does.Contain("vm.box: a box must be specified"));
        }
    }

    public class AScriptThatEndsTheProcess : ScriptEvaluationTests
    {
        [Test]
        public async Task Should_Leave_One_Line_Naming_The_Script_When_It_Calls_Exit_Past_The_Compile_Check()
        {
            // Given
            _project.WithVagrantfileText("typeof(Environment).GetMethod(\"Exit\")!.Invoke(null, new object[] { 3 });\n");

            // When
            var run = await VnetProcess.RunAsync(_project.ProjectDirectory, Environment, "status");

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
            Assert.That(run.Stderr.Trim(), Is.EqualTo("Vagrantfile.csx: error: the script ended vnet (Environment.Exit or the like) while it was being evaluated; a Vagrantfile.csx may not end the process."));
        }
    }

    public class AnInterrupt : ScriptEvaluationTests
    {
        private const string Ready = "script-is-running";

        [TestCase("INT", 130, "while (true) { }")]
        [TestCase("TERM", 143, "while (true) { }")]
        [TestCase("TERM", 143, "System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);")]
        [TestCase("INT", 130, "File.ReadAllText(\"fifo\");")]
        public async Task Should_Stop_Script_Evaluation_At_Once(string signal, int exitCode, string body)
        {
            // Given
            _project.WithVagrantfileText($"Console.Error.WriteLine(\"{Ready}\");\n{body}\nVagrant.Configure(config => config.Vm.Box = \"x\");\n");
            using (var mkfifo = Process.Start("mkfifo", [Path.Combine(_project.ProjectDirectory, "fifo")])!)
            {
                await mkfifo.WaitForExitAsync();
            }

            // When
            var run = await RunInterruptedAsync(signal);

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(exitCode), run.ToString());
            Assert.That(run.Stderr, Does.EndWith($"Interrupted while evaluating Vagrantfile.csx{System.Environment.NewLine}"));
        }

        /// <summary>
        /// Starts vnet in a process group of its own with default signal dispositions (a child of a non-interactive
        /// parent inherits SIGINT ignored), waits until the script says it runs, then signals the group.
        /// </summary>
        private async Task<VnetRun> RunInterruptedAsync(string signal)
        {
            var host = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
            var start = new ProcessStartInfo("perl")
            {
                WorkingDirectory = _project.ProjectDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "-e", "$SIG{INT} = 'DEFAULT'; $SIG{TERM} = 'DEFAULT'; setpgrp(0, 0); exec @ARGV or die", host, TestPaths.VnetDll, "status" })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["VNET_HOME"] = _project.Home;
            using var process = Process.Start(start)!;
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var stdout = process.StandardOutput.ReadToEndAsync(guard.Token);
            var stderr = new System.Text.StringBuilder();
            try
            {
                while (await process.StandardError.ReadLineAsync(guard.Token) is { } line)
                {
                    stderr.Append(line).Append(System.Environment.NewLine);
                    if (line == Ready)
                    {
                        using var kill = Process.Start("kill", [$"-{signal}", "--", $"-{process.Id}"])!;
                        await kill.WaitForExitAsync(guard.Token);
                    }
                }

                await process.WaitForExitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new AssertionException($"vnet did not stop on SIG{signal}{System.Environment.NewLine}{stderr}");
            }

            return new VnetRun(process.ExitCode, await stdout, stderr.ToString());
        }
    }
}
