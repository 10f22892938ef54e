using System.Text.RegularExpressions;
using VagrantNet.Core;
using VagrantNet.Core.IO;
using VagrantNet.Scripting;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Scripting;

/// <summary>What the user reads when a Vagrantfile.csx does not compile or throws: file(line,col), every error, no stack trace.</summary>
[TestFixture]
public class ScriptDiagnosticsTests
{
    private static async Task<Exception> FailureOf(ProjectFixture project)
    {
        try
        {
            await project.LoadEnvironmentAsync();
        }
        catch (Exception e)
        {
            return e;
        }

        throw new AssertionException("the Vagrantfile.csx loaded without an error");
    }

    public class CompileErrors
    {
        [Test]
        public async Task Should_Report_The_Line_And_Column_Of_An_Unknown_Member()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("UnknownMember.csx");

            // When
            var error = await FailureOf(project);

            // Then
            var diagnostics = ((ScriptCompilationException)error).Diagnostics;
            Assert.That(diagnostics, Has.Count.EqualTo(1));
            Assert.That(diagnostics[0], Does.StartWith(DisplayPath.Of(project.VagrantfilePath) + "(4,15): error CS1061: 'VmConfig' does not contain a definition for 'Bxo'"));
        }

        [Test]
        public async Task Should_Report_Every_Error_In_Source_Order_Not_Only_The_First()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("SeveralErrors.csx");

            // When
            var error = await FailureOf(project);

            // Then
            var diagnostics = ((ScriptCompilationException)error).Diagnostics;
            Assert.That(diagnostics.Select(d => Regex.Match(d, @"Vagrantfile\.csx\(\d+,\d+\): error CS\d+").Value), Is.EqualTo(new[]
            {
                "Vagrantfile.csx(3,21): error CS0029",
                "Vagrantfile.csx(4,15): error CS1061",
                "Vagrantfile.csx(5,29): error CS0029",
            }));
            Assert.That(error.Message.Split(System.Environment.NewLine), Is.EqualTo(diagnostics));
        }

        [Test]
        public async Task Should_Name_The_Loaded_File_When_The_Error_Is_In_It()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("LoadsBroken.csx").WithVagrantfile("broken.csx", "broken.csx");

            // When
            var error = await FailureOf(project);

            // Then
            Assert.That(error.Message, Does.StartWith(DisplayPath.Of(Path.Combine(project.ProjectDirectory, "broken.csx")) + "(3,31): error CS0029"));
        }

        [Test]
        public async Task Should_Accept_A_NuGet_Reference_To_The_Sdk()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("NuGetSdk.csx");

            // When
            await using var environment = await project.LoadEnvironmentAsync();

            // Then
            var configuration = await environment.ConfigurationAsync("default", null, CancellationToken.None);
            Assert.That(configuration.Config.Vm.Box, Is.EqualTo("vnet/debian12"));
        }

        [Test]
        public async Task Should_Explain_That_Other_NuGet_References_Are_Not_Supported()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("NuGetOther.csx");

            // When
            var error = await FailureOf(project);

            // Then
            Assert.That(error, Is.TypeOf<ScriptCompilationException>());
            Assert.That(error.Message, Does.StartWith(DisplayPath.Of(project.VagrantfilePath) + "(1,1): error CS0006:"));
            Assert.That(error.Message, Does.Contain("Newtonsoft.Json"));
            Assert.That(error.Message, Does.Contain("NuGet references are not supported in a Vagrantfile.csx: only '#r \"nuget: VagrantNet.Sdk, <version>\"' is accepted"));
        }
    }

    public class RuntimeErrors
    {
        [Test]
        public async Task Should_Name_The_Script_Line_When_The_Script_Body_Throws()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("ThrowsInBody.csx");

            // When
            var error = await FailureOf(project);

            // Then
            Assert.That(error, Is.InstanceOf<VnetException>());
            Assert.That(error.Message, Is.EqualTo(DisplayPath.Of(project.VagrantfilePath) + "(3,14): error: IndexOutOfRangeException: Index was outside the bounds of the array."));
        }

        [Test]
        public async Task Should_Name_The_Script_Line_When_A_Configure_Block_Throws()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("ThrowsInConfigure.csx");

            // When
            var error = await FailureOf(project);

            // Then
            Assert.That(error, Is.InstanceOf<VnetException>());
            Assert.That(error.Message, Does.StartWith(DisplayPath.Of(project.VagrantfilePath) + "(4,5): error: FormatException:"));
        }

        [Test]
        public async Task Should_Name_The_Script_Line_When_A_Define_Block_Throws()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("ThrowsInDefine.csx");
            await using var environment = await project.LoadEnvironmentAsync();

            // When
            var error = Assert.ThrowsAsync<VnetException>(() => environment.ConfigurationAsync("web", null, CancellationToken.None));

            // Then
            Assert.That(error!.Message, Is.EqualTo(DisplayPath.Of(project.VagrantfilePath) + "(7,9): error: machine 'web': InvalidOperationException: web cannot be configured"));
        }
    }
}
