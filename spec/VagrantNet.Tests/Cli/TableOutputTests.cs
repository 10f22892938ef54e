using Spectre.Console;
using VagrantNet.Cli.Ui;

namespace VagrantNet.Tests.Cli;

/// <summary>Tables: bordered on a terminal, plain aligned columns when the output goes elsewhere.</summary>
[TestFixture]
public class TableOutputTests
{
    private static readonly string[] Headers = ["Name", "Version"];

    private static readonly IReadOnlyList<string>[] Rows = [["vnet/debian12", "1.0.0"], ["a/b", "12.3.4\nsecond line"]];

    [Test]
    public void Off_A_Terminal_Prints_Aligned_Columns_One_Row_A_Line_Without_Borders_Or_Header()
    {
        // Given
        using var output = new StringWriter();
        using var ui = new ConsoleUi(output, () => throw new AssertionException("no Spectre console off a terminal"), machineReadable: false, interactive: false);

        // When
        TableOutput.Write(ui, Headers, Rows);

        // Then
        Assert.That(output.ToString(), Is.EqualTo($"vnet/debian12  1.0.0{Environment.NewLine}a/b            12.3.4; second line{Environment.NewLine}"));
    }

    [Test]
    public void On_A_Terminal_Draws_A_Bordered_Table_With_A_Header()
    {
        // Given
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(output) });
        using var ui = new ConsoleUi(output, () => console, machineReadable: false, interactive: true);

        // When
        TableOutput.Write(ui, Headers, Rows);

        // Then
        Assert.That(output.ToString(), Does.Contain("╭").And.Contain("│ Name").And.Contain("vnet/debian12"));
    }
}
