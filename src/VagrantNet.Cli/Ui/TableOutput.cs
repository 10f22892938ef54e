using Spectre.Console;

namespace VagrantNet.Cli.Ui;

/// <summary>
/// Rows of cells as the reader gets them: a bordered Spectre table on a terminal; elsewhere (a pipe, a file,
/// --no-color) plain columns aligned with spaces, one row per line and no header, as Vagrant prints them, so
/// <c>awk '{print $1}'</c> gets the first cell.
/// </summary>
internal static class TableOutput
{
    public static void Write(ConsoleUi ui, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (ui.Interactive)
        {
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumns([.. headers]);
            foreach (var row in rows)
            {
                table.AddRow([.. row.Select(c => new Text(c))]);
            }

            ui.Write(table);
            return;
        }

        foreach (var line in Plain(rows))
        {
            ui.Output.WriteLine(line);
        }
    }

    /// <summary>Each cell padded to its column's widest, two spaces apart; a cell's own lines joined with "; ".</summary>
    public static IEnumerable<string> Plain(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var cells = rows.Select(r => r.Select(c => TerminalText.Escape(c.ReplaceLineEndings("; "))).ToList()).ToList();
        var widths = Enumerable.Range(0, cells.Count == 0 ? 0 : cells.Max(r => r.Count))
            .Select(i => cells.Where(r => i < r.Count).Max(r => r[i].Length))
            .ToList();
        return cells.Select(r => string.Join("  ", r.Select((c, i) => i == r.Count - 1 ? c : c.PadRight(widths[i]))));
    }
}
