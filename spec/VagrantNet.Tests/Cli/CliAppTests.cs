using System.Text.RegularExpressions;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Cli;

/// <summary><c>vnet</c> run in-process on a throw-away project, with stdout and stderr captured.</summary>
[TestFixture]
[NonParallelizable]
public class CliAppTests
{
    private ProjectFixture _project = null!;

    [SetUp]
    public void CreateProject() => _project = new ProjectFixture();

    [TearDown]
    public void DeleteProject() => _project.Dispose();

    private Task<VnetRun> VnetAsync(params string[] args) =>
        InProcessVnet.RunAsync(_project.ProjectDirectory, new Dictionary<string, string?>
        {
            ["VNET_HOME"] = _project.Home,
            ["VNET_LOG"] = null,
            ["VNET_VAGRANTFILE"] = null,
            ["VNET_DEFAULT_PROVIDER"] = null,
        }, args);

    private static void AssertNoStackTrace(VnetRun run) =>
        Assert.That(run.Stderr, Does.Not.Contain("   at "), run.ToString());

    public class GlobalOptions : CliAppTests
    {
        [Test]
        public async Task Version_Prints_The_Version_And_Exits_Zero()
        {
            // Given, When
            var run = await VnetAsync("--version");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout.Trim(), Does.Match(@"^0\.1\.0(\+[0-9a-f]+)?$"));
        }

        [Test]
        public async Task Help_Lists_The_Commands_And_Global_Options()
        {
            // Given, When
            var run = await VnetAsync("--help");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            foreach (var line in new[] { "init", "validate", "status", "port", "snapshot", "--machine-readable", "--debug" })
            {
                Assert.That(run.Stdout, Does.Match(@"(?m)^\s+" + Regex.Escape(line) + @"\b"), line);
            }
        }

        [Test]
        public async Task An_Unknown_Command_Exits_Non_Zero()
        {
            // Given, When
            var run = await VnetAsync("frobnicate");

            // Then
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
        }

        [Test]
        public async Task A_Mistyped_Command_Is_Refused_With_The_Whole_Tree_In_Reach()
        {
            // Given, When: the first word names no command, so every command is built and the parser can suggest one.
            var run = await VnetAsync("stauts");

            // Then
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
            Assert.That(run.Stderr + run.Stdout, Does.Contain("'stauts' was not matched").And.Contain("status"));
        }

        [Test]
        public async Task Takes_Words_After_A_Double_Dash_As_Arguments_Even_When_They_Look_Like_Options()
        {
            // Given
            _project.WithVagrantfile("TwoMachines.csx");

            // When
            var run = await VnetAsync("status", "--", "-x");

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr, Does.Contain("The machine with the name '-x' was not found").And.Not.Contain("Unknown option"));
        }

        [Test]
        public async Task A_Commands_Own_Help_Works_With_Global_Options_Before_It()
        {
            // Given, When
            var run = await VnetAsync("--no-color", "box", "add", "--help");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Contain("--box-version").And.Contain("--checksum"));
        }

        [Test]
        public async Task Snapshot_Save_Without_A_Name_Is_Refused_Before_Anything_Runs()
        {
            // Given, When
            var run = await VnetAsync("snapshot", "save");

            // Then
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
            Assert.That(run.Stderr + run.Stdout, Does.Contain("Required argument '[name...] snapshot' missing for command: 'save'"));
        }

        [Test]
        public async Task Builds_Only_The_Invoked_Command()
        {
            // Given
            var app = new VagrantNet.Cli.CliApp(_project.ProjectDirectory, new VagrantNet.Core.Actions.InterruptSource());

            // When
            var whole = app.BuildRoot();
            var status = app.BuildRoot(["--debug", "status", "web"]);
            var typo = app.BuildRoot(["stauts"]);

            // Then
            Assert.That(whole.Subcommands.Select(c => c.Name), Has.Member("status").And.Member("box").And.Member("up"));
            Assert.That(status.Subcommands.Select(c => c.Name), Is.EqualTo(new[] { "status" }));
            Assert.That(typo.Subcommands.Select(c => c.Name), Is.EquivalentTo(whole.Subcommands.Select(c => c.Name)));
        }
    }

    public class Init : CliAppTests
    {
        [Test]
        public async Task Writes_A_Vagrantfile_That_Validates_As_Written()
        {
            // Given
            var init = await VnetAsync("init", "vnet/debian12");

            // When
            var validate = await VnetAsync("validate");

            // Then
            Assert.That(init.ExitCode, Is.Zero, init.ToString());
            Assert.That(File.ReadAllText(_project.VagrantfilePath), Does.Contain("config.Vm.Box = \"vnet/debian12\";"));
            Assert.That(validate.ExitCode, Is.Zero, validate.ToString());
            Assert.That(validate.Stdout, Does.Contain("Vagrantfile.csx validated successfully."));
        }

        [Test]
        public async Task Writes_A_Minimal_Vagrantfile_With_Url_And_Version_That_Validates()
        {
            // Given
            var init = await VnetAsync("init", "--minimal", "--box-version", ">= 1.0, < 2", "my-org/odd_box.v2", "https://example.test/box.json");

            // When
            var validate = await VnetAsync("validate");

            // Then
            Assert.That(init.ExitCode, Is.Zero, init.ToString());
            Assert.That(File.ReadAllText(_project.VagrantfilePath), Does.Not.Match(@"(?m)^\s*//"));
            Assert.That(validate.ExitCode, Is.Zero, validate.ToString());
        }

        [Test]
        public async Task Refuses_To_Overwrite_An_Existing_Vagrantfile_Without_Force()
        {
            // Given
            _project.WithVagrantfileText("// mine");

            // When
            var run = await VnetAsync("init");

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr, Does.Contain("Vagrantfile.csx already exists in this directory."));
            Assert.That(run.Stderr, Does.Contain("vnet init --force"));
            Assert.That(File.ReadAllText(_project.VagrantfilePath), Is.EqualTo("// mine"));
            AssertNoStackTrace(run);
        }

        [Test]
        public async Task Overwrites_With_Force()
        {
            // Given
            _project.WithVagrantfileText("// mine");

            // When
            var run = await VnetAsync("init", "--force", "other/box");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(File.ReadAllText(_project.VagrantfilePath), Does.Contain("config.Vm.Box = \"other/box\";"));
        }

        [Test]
        public async Task Prints_To_Stdout_With_Output_Dash_And_Writes_No_File()
        {
            // Given, When
            var run = await VnetAsync("init", "--output", "-", "vnet/debian12");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Contain("Vagrant.Configure(config =>"));
            Assert.That(File.Exists(_project.VagrantfilePath), Is.False);
        }
    }

    public class Status : CliAppTests
    {
        [Test]
        public async Task Shows_Not_Created_For_A_Machine_Without_State()
        {
            // Given
            _project.WithSamplePlugin().WithVagrantfile("Minimal.csx");

            // When
            var run = await VnetAsync("status");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Contain("Current machine states:"));
            Assert.That(run.Stdout, Does.Match(@"(?m)^default\s+not created \(sample\)$"));
            Assert.That(run.Stdout, Does.Contain("Run `vnet up` to create the environment."));
        }

        [Test]
        public async Task Lists_Every_Machine_In_Definition_Order()
        {
            // Given
            _project.WithVagrantfile("TwoMachines.csx");

            // When
            var run = await VnetAsync("status");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            var rows = run.Stdout.Split('\n').Where(l => l.Contains("not created", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]);
            Assert.That(rows, Is.EqualTo(new[] { "web", "db" }));
            Assert.That(run.Stdout, Does.Contain("This environment represents multiple VMs."));
        }

        [Test]
        public async Task Prints_Machine_Readable_Lines()
        {
            // Given
            _project.WithSamplePlugin().WithVagrantfile("Minimal.csx");

            // When
            var run = await VnetAsync("status", "--machine-readable");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => Regex.Replace(l, @"^\d+,", "TS,")).ToList();
            Assert.That(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.All.Match(@"^\d+,default,"));
            Assert.That(lines, Is.EqualTo(new[]
            {
                "TS,default,metadata,provider,sample",
                "TS,default,provider-name,sample",
                "TS,default,state,not_created",
                "TS,default,state-human-short,not created",
                "TS,default,state-human-long,The environment has not yet been created. Run `vnet up` to create the environment.",
            }));
        }

        [Test]
        public async Task Names_The_Defined_Machines_When_Asked_For_An_Unknown_One()
        {
            // Given
            _project.WithVagrantfile("TwoMachines.csx");

            // When
            var run = await VnetAsync("status", "cache");

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr, Does.Contain("The machine with the name 'cache' was not found configured for this project. Defined machines: web, db."));
        }

        [Test]
        public async Task Reads_The_File_Named_By_VNET_VAGRANTFILE()
        {
            // Given
            _project.WithVagrantfile("TwoMachines.csx", @as: "Other.csx");

            // When
            var run = await InProcessVnet.RunAsync(_project.ProjectDirectory, new Dictionary<string, string?> { ["VNET_HOME"] = _project.Home, ["VNET_VAGRANTFILE"] = "Other.csx" }, "status");

            // Then
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Match(@"(?m)^web\s+not created"));
        }
    }

    public class BadInput : CliAppTests
    {
        [TestCase("status")]
        [TestCase("validate")]
        public async Task Without_A_Vagrantfile_Exits_One_And_Says_To_Run_Init(string command)
        {
            // Given: an empty project directory

            // When
            var run = await VnetAsync(command);

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr, Does.Contain("A Vagrantfile.csx is required to run this command, but none was found in " + _project.ProjectDirectory));
            Assert.That(run.Stderr, Does.Contain("Run `vnet init` to create one"));
            AssertNoStackTrace(run);
        }

        [Test]
        public async Task Compile_Errors_Exit_One_With_File_Line_And_Column()
        {
            // Given
            _project.WithVagrantfile("SeveralErrors.csx");

            // When
            var run = await VnetAsync("validate");

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr, Does.Contain("Vagrantfile.csx(3,21): error CS0029"));
            Assert.That(run.Stderr, Does.Contain("Vagrantfile.csx(4,15): error CS1061: 'VmConfig' does not contain a definition for 'Hostnme'"));
            Assert.That(run.Stderr, Does.Contain("Vagrantfile.csx(5,29): error CS0029"));
            AssertNoStackTrace(run);
        }

        [Test]
        public async Task An_Exception_In_The_Script_Exits_One_Naming_The_Line()
        {
            // Given
            _project.WithVagrantfile("ThrowsInBody.csx");

            // When
            var run = await VnetAsync("status");

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr.Trim(), Does.EndWith("Vagrantfile.csx(3,14): error: IndexOutOfRangeException: Index was outside the bounds of the array."));
            AssertNoStackTrace(run);
        }

        [Test]
        public async Task An_Unknown_Provider_Lists_The_Installed_Ones()
        {
            // Given
            _project.WithSamplePlugin().WithVagrantfile("Minimal.csx");

            // When
            var run = await VnetAsync("validate", "--provider=nope");

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr.Trim(), Is.EqualTo("The provider 'nope' could not be found. Installed providers: sample."));
        }

        [Test]
        public async Task Duplicate_Machine_Names_Are_Refused()
        {
            // Given
            _project.WithVagrantfile("DuplicateMachine.csx");

            // When
            var run = await VnetAsync("validate");

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr, Does.Contain("Vagrantfile.csx(5,5): error: The machine name 'web' is defined twice; each Define needs its own name."));
            AssertNoStackTrace(run);
        }

        [Test]
        public async Task An_Invalid_Box_Version_Constraint_Names_The_Setting()
        {
            // Given
            _project.WithVagrantfile("InvalidBoxVersion.csx");

            // When
            var run = await VnetAsync("validate");

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr, Does.Contain("* vm.box_version: '>= banana' is not a valid version constraint: '>= banana' is not an operator"));
        }

        [Test]
        public async Task Two_Primary_Machines_Are_Refused()
        {
            // Given
            _project.WithVagrantfile("TwoPrimaries.csx");

            // When
            var run = await VnetAsync("status");

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr, Does.Contain("machines 'web' and 'db' are both marked primary; only one machine can be primary."));
        }

        [Test]
        public async Task Validate_Reports_Every_Machines_Errors_At_Once()
        {
            // Given
            _project.WithVagrantfile("InvalidInTwoMachines.csx");

            // When
            var run = await VnetAsync("validate");

            // Then
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            var text = run.Stderr.Replace("\r", string.Empty, StringComparison.Ordinal);
            Assert.That(text, Does.Contain("""
                web:
                  vm:
                  * vm.hostname: 'web_1' is not a valid hostname
                """));
            Assert.That(text, Does.Contain("""
                  SSH:
                  * ssh.port: must be between 1 and 65535, got 70000
                """));
            Assert.That(text, Does.Contain("""
                db:
                  vm:
                  * vm.box: a box must be specified
                  * vm.boot_timeout: must be a positive number of seconds
                  * vm.network "private_network": '10.20.30.300' is not an IP address
                """));
            AssertNoStackTrace(run);
        }
    }
}
