using System.Globalization;
using System.Text;

namespace Conductor.Generated.LoadHarness.Report;

/// <summary>A table printed to the console and written as markdown.</summary>
internal sealed class MarkdownTable(string title, params string[] columns)
{
    private readonly List<string[]> _rows = [];

    public string Title { get; } = title;

    public List<string> Notes { get; } = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public static string Number(double value, string format = "0.0") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("#### ").AppendLine(Title).AppendLine();
        text.Append("| ").AppendJoin(" | ", columns).AppendLine(" |");
        text.Append('|').AppendJoin('|', columns.Select(column => new string('-', column.Length + 2))).AppendLine("|");
        foreach (var row in _rows)
        {
            text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }

        foreach (var note in Notes)
        {
            text.AppendLine().AppendLine(note);
        }

        return text.AppendLine().ToString();
    }
}
