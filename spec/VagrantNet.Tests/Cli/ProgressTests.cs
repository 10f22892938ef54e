using Microsoft.Extensions.Time.Testing;
using Spectre.Console;
using VagrantNet.Cli.Ui;

namespace VagrantNet.Tests.Cli;

/// <summary>Transfer progress: the meter's words, plain lines off a terminal, Spectre's bars on one.</summary>
[TestFixture]
public class ProgressTests
{
    private const long MiB = 1 << 20;

    private readonly FakeTimeProvider _time = new();

    public class Meter : ProgressTests
    {
        [Test]
        public void Describes_Percent_Sizes_Rate_And_Time_Left()
        {
            // Given
            var meter = new TransferMeter(100 * MiB, _time);
            meter.Update(0);

            // When
            _time.Advance(TimeSpan.FromSeconds(1));
            meter.Update(10 * MiB);

            // Then
            Assert.That(meter.Describe(), Is.EqualTo("10% (10.0 MiB of 100.0 MiB, 10.0 MiB/s, 0:09 left)"));
        }

        [Test]
        public void Says_Hours_When_The_Time_Left_Passes_An_Hour()
        {
            // Given: 4500 MiB to go at 1 MiB/s
            var meter = new TransferMeter(4501 * MiB, _time);
            meter.Update(0);

            // When
            _time.Advance(TimeSpan.FromSeconds(1));
            meter.Update(MiB);

            // Then
            Assert.That(meter.Describe(), Does.EndWith(", 1.0 MiB/s, 1:15:00 left)"));
        }

        [Test]
        public void Does_Not_Count_The_Bytes_A_Resumed_Transfer_Already_Had_Into_Its_Rate()
        {
            // Given: resumed at 50 MiB
            var meter = new TransferMeter(100 * MiB, _time);
            meter.Update(50 * MiB);

            // When
            _time.Advance(TimeSpan.FromSeconds(2));
            meter.Update(52 * MiB);

            // Then
            Assert.That(meter.Rate, Is.EqualTo(MiB));
            Assert.That(meter.Describe(), Is.EqualTo("52% (52.0 MiB of 100.0 MiB, 1.0 MiB/s, 0:48 left)"));
        }

        [Test]
        public void Gives_No_Rate_Before_Any_Byte_Moved()
        {
            var meter = new TransferMeter(100 * MiB, _time);

            meter.Update(0);

            Assert.That(meter.Describe(), Is.EqualTo("0% (0 B of 100.0 MiB)"));
        }

        [Test]
        public void Describes_Bytes_And_Rate_Without_A_Total()
        {
            var meter = new TransferMeter(null, _time);
            meter.Update(0);

            _time.Advance(TimeSpan.FromSeconds(4));
            meter.Update(2 * MiB);

            Assert.That(meter.Describe(), Is.EqualTo("2.0 MiB (512.0 KiB/s)"));
        }

        [TestCase(59, "0:59")]
        [TestCase(3599, "59:59")]
        [TestCase(3600, "1:00:00")]
        [TestCase(4500, "1:15:00")]
        [TestCase(90000, "25:00:00")]
        public void Writes_Time_Left_As_Minutes_Then_Hours(int seconds, string expected) =>
            Assert.That(TransferMeter.Left(TimeSpan.FromSeconds(seconds)), Is.EqualTo(expected));
    }

    public class Plain : ProgressTests
    {
        [Test]
        public void Off_A_Terminal_Prints_A_Plain_Line_Every_Tenth()
        {
            // Given
            using var output = new StringWriter();
            using var ui = new ConsoleUi(output, () => throw new AssertionException("no Spectre console off a terminal"), machineReadable: false, interactive: false);
            var progress = ui.Global.Progress("Unpacking", 100);

            // When
            foreach (var done in new[] { 0, 5, 10, 15, 100 })
            {
                progress.Report(done);
            }

            // Then
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines.Select(l => l.Split(" (")[0]), Is.EqualTo(new[] { "    Unpacking: 0%", "    Unpacking: 10%", "    Unpacking: 100%" }));
            Assert.That(output.ToString().Contains('\u001b', StringComparison.Ordinal), Is.False, "no terminal escapes");
        }
    }

    public class Live : ProgressTests
    {
        private static (ConsoleUi Ui, StringWriter Output) Terminal()
        {
            var output = new StringWriter();
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.Yes,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.Yes,
                Out = new AnsiConsoleOutput(output),
            });
            return (new ConsoleUi(output, () => console, machineReadable: false, interactive: true), output);
        }

        [Test]
        public void On_A_Terminal_Draws_Spectres_Bar_With_The_Meters_Words_Until_The_Transfer_Finishes()
        {
            // Given
            var (ui, output) = Terminal();
            using var _ = ui;
            var progress = ui.ForMachine("web").Progress("Downloading", 100);

            // When
            progress.Report(0);
            progress.Report(100);
            ui.Global.Info("Done");

            // Then: the last drawing of the bar says 100%, and the line after it came once the display had ended
            var text = output.ToString();
            Assert.That(text, Does.Contain("web: Downloading").And.Contain("100% (100 B of 100 B"));
            Assert.That(text, Does.Contain("━"), "Spectre's bar");
            Assert.That(text.IndexOf("==> Done", StringComparison.Ordinal), Is.GreaterThan(text.LastIndexOf("100%", StringComparison.Ordinal)));
        }

        [Test]
        public void A_Line_Printed_During_A_Transfer_Goes_Above_The_Bar_And_The_Command_End_Closes_It()
        {
            // Given
            var (ui, output) = Terminal();
            var progress = ui.Global.Progress("Importing box image", 100);
            progress.Report(10);

            // When
            ui.Global.Detail("a line meanwhile");
            ui.Dispose();

            // Then
            var text = output.ToString();
            Assert.That(text, Does.Contain("a line meanwhile").And.Contain("Importing box image"));
            Assert.That(text.LastIndexOf("Importing box image", StringComparison.Ordinal), Is.GreaterThan(text.IndexOf("a line meanwhile", StringComparison.Ordinal)));
        }
    }
}
