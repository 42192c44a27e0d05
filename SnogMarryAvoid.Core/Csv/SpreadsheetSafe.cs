using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace SnogMarryAvoid.Core.Csv;

/// <summary>Keeps a spreadsheet from running a cell as a formula (CSV injection).</summary>
public static class SpreadsheetSafe
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>A cell that starts like a formula gets a leading apostrophe, which spreadsheets show as text.</summary>
    public static string Cell(string value) =>
        value.Length > 0 && FormulaStarts.Contains(value[0]) ? "'" + value : value;

    /// <summary>
    /// Writes CSV with a header row: text cells through <see cref="Cell"/>, numbers in the invariant
    /// culture, empty for null. The one CSV writer of the app.
    /// </summary>
    public static string Csv(IReadOnlyList<string> header, IEnumerable<object?[]> rows)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" });
        foreach (var name in header)
        {
            csv.WriteField(name);
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var cell in row)
            {
                csv.WriteField(cell switch
                {
                    null => "",
                    string text => Cell(text),
                    IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
                    _ => cell.ToString() ?? "",
                });
            }

            csv.NextRecord();
        }

        return writer.ToString();
    }

    /// <summary>Undoes <see cref="Cell"/> when reading back a file this app wrote.</summary>
    public static string Uncell(string value) =>
        value.Length > 1 && value[0] == '\'' && FormulaStarts.Contains(value[1]) ? value[1..] : value;
}
