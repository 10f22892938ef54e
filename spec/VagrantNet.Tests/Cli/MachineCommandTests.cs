using VagrantNet.Tests.BadInput;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Cli;

/// <summary>Machine commands run in-process against the recording provider: how many machines run at once, and what is written.</summary>
[TestFixture]
[NonParallelizable]
public class MachineCommandTests
{
    private ProjectFixture _project = null!;

    [SetUp]
    public void CreateProject() => _project = new ProjectFixture();

    [TearDown]
    public void DeleteProject() => _project.Dispose();

    private static string Machines(int count) =>
        $$"""
        Vagrant.Configure(config =>
        {
            config.Vm.Box = "test/box";
            for (var i = 1; i <= {{count}}; i++)
            {
                config.Vm.Define($"m{i}", m => { });
            }
        });
        """;

    private Task<VnetRun> VnetAsync(ConcurrencyRecorder recorder, params string[] args)
    {
        RecordingProvider.Recorder = recorder;
        return InProcessVnet.RunAsync(
            _project.ProjectDirectory,
            new Dictionary<string, string?> { ["VNET_HOME"] = _project.Home, ["VNET_LOG"] = null, ["VNET_VAGRANTFILE"] = null, ["VNET_DEFAULT_PROVIDER"] = null },
            [RecordingProvider.Plugin],
            recorder.Stdout,
            args);
    }

    public class Up : MachineCommandTests
    {
        [Test]
        public async Task Brings_At_Most_N_Machines_Up_At_Once_With_Parallel_N()
        {
            // Given: five machines that each stay inside their up until all five have entered or queued
            _project.WithVagrantfileText(Machines(5));
            var recorder = new ConcurrencyRecorder(holdUntilAllAccountedFor: 5);

            // When
            var run = await VnetAsync(recorder, "up", "--parallel", "2");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(recorder.MaxInside, Is.EqualTo(2));
            Assert.That(recorder.Entered, Is.EquivalentTo(new[] { "m1", "m2", "m3", "m4", "m5" }));
            Assert.That(run.Stdout, Does.Contain("Waiting to start: 2 machines are already running 'up' (--parallel 2)."));
        }

        [Test]
        public async Task Brings_Up_One_Machine_Per_Core_At_Once_By_Default()
        {
            // Given: one machine more than there are cores
            var cores = System.Environment.ProcessorCount;
            _project.WithVagrantfileText(Machines(cores + 1));
            var recorder = new ConcurrencyRecorder(holdUntilAllAccountedFor: cores + 1);

            // When
            var run = await VnetAsync(recorder, "up");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(recorder.MaxInside, Is.EqualTo(cores));
            Assert.That(recorder.Entered, Has.Count.EqualTo(cores + 1));
        }

        [Test]
        public async Task Takes_A_Word_After_A_Bare_Parallel_As_A_Machine_Name()
        {
            // Given
            _project.WithVagrantfileText(Machines(3));

            // When
            var run = await VnetAsync(new ConcurrencyRecorder(), "up", "--parallel", "m2");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(RecordingProvider.Recorder.Entered, Is.EqualTo(new[] { "m2" }));
        }

        [Test]
        public async Task Brings_Machines_Up_One_After_Another_In_Definition_Order_With_No_Parallel()
        {
            // Given
            _project.WithVagrantfileText(Machines(3));
            var recorder = new ConcurrencyRecorder();

            // When
            var run = await VnetAsync(recorder, "up", "--no-parallel");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(recorder.MaxInside, Is.EqualTo(1));
            Assert.That(recorder.Entered, Is.EqualTo(new[] { "m1", "m2", "m3" }));
            Assert.That(run.Stdout, Does.Not.Contain("Waiting to start"));
        }
    }

    public class NeverCreatedMachines : MachineCommandTests
    {
        [TestCase("halt")]
        [TestCase("halt", "-f")]
        [TestCase("suspend")]
        [TestCase("resume")]
        [TestCase("provision")]
        [TestCase("reload")]
        [TestCase("snapshot", "save", "s1")]
        [TestCase("snapshot", "restore", "s1")]
        [TestCase("snapshot", "delete", "s1")]
        [TestCase("snapshot", "list")]
        [TestCase("snapshot", "push")]
        public async Task Are_Told_Apart_Without_Writing_Anything_In_The_Project(params string[] args)
        {
            // Given
            _project.WithVagrantfileText(Machines(2));
            var before = BadInputOutcome.Snapshot(_project.ProjectDirectory);

            // When
            var run = await VnetAsync(new ConcurrencyRecorder(), args);

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Contain("==> m1: VM not created. Moving on...").And.Contain("==> m2: VM not created. Moving on..."));
            Assert.That(BadInputOutcome.Snapshot(_project.ProjectDirectory), Is.EqualTo(before));
        }

        [Test]
        public async Task Halt_After_Up_Still_Locks_The_Created_Machine()
        {
            // Given
            _project.WithVagrantfileText(Machines(1));
            await VnetAsync(new ConcurrencyRecorder(), "up");

            // When
            var run = await VnetAsync(new ConcurrencyRecorder(), "halt");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(File.Exists(Path.Combine(_project.ProjectDirectory, ".vnet", "machines", "m1", "recording", "action.lock")), Is.True);
        }
    }

    public class GlobalStatus : MachineCommandTests
    {
        [Test]
        public async Task Shows_The_State_Recorded_By_Up_From_The_Index()
        {
            // Given
            _project.WithVagrantfileText(Machines(1));
            await VnetAsync(new ConcurrencyRecorder(), "up");

            // When
            var run = await VnetAsync(new ConcurrencyRecorder(), "global-status");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Match(@"(?m)^[0-9a-f]{7} m1\s+recording running\s+" + System.Text.RegularExpressions.Regex.Escape(_project.ProjectDirectory) + "$"));
        }

        [Test]
        public async Task Prune_Drops_Entries_Whose_Project_Is_Gone_And_Keeps_The_Others()
        {
            // Given: two projects brought up, then one of them deleted
            using var other = new ProjectFixture();
            _project.WithVagrantfileText(Machines(1));
            other.WithVagrantfileText("""Vagrant.Configure(config => { config.Vm.Box = "test/box"; config.Vm.Define("gone", m => { }); });""");
            await VnetAsync(new ConcurrencyRecorder(), "up");
            await InProcessVnet.RunAsync(other.ProjectDirectory, new Dictionary<string, string?> { ["VNET_HOME"] = _project.Home }, [RecordingProvider.Plugin], new StringWriter(), "up");
            Directory.Delete(other.ProjectDirectory, recursive: true);

            // When
            var listed = await VnetAsync(new ConcurrencyRecorder(), "global-status");
            var pruned = await VnetAsync(new ConcurrencyRecorder(), "global-status", "--prune");
            var after = await VnetAsync(new ConcurrencyRecorder(), "global-status");

            // Then
            Assert.That(listed.Stdout, Does.Match(@"(?m)^[0-9a-f]{7} gone\s+recording unknown \(project is gone\)"));
            Assert.That(pruned.ExitCode, Is.Zero, pruned.ToString());
            Assert.That(pruned.Stdout, Does.Not.Match(@"(?m)^\S+ gone ").And.Match(@"(?m)^\S+ m1 "));
            Assert.That(after.Stdout, Does.Not.Match(@"(?m)^\S+ gone ").And.Match(@"(?m)^\S+ m1 "));
        }
    }
}
