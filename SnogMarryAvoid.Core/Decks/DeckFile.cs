using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using CsvHelper.Configuration;
using SnogMarryAvoid.Core.Camps;
using SnogMarryAvoid.Core.Csv;
using SnogMarryAvoid.Core.Scenarios;

namespace SnogMarryAvoid.Core.Decks;

/// <summary>
/// A deck as a file, to share between facilitators: JSON (<c>{"scenarios":[{"publicBody",
/// "counterpart","context","notes","translations":{"cy":{"publicBody","counterpart","context"}}}]}</c>) or CSV with the
/// header <c>public_body,counterpart,context,notes</c> and a column per translated field, named with its language
/// (<c>public_body_cy,counterpart_cy,context_cy</c>); every column after the first two is optional (a file from before
/// presenter notes, without the notes column, reads as it did).
/// A JSON deck may also carry the camps its sessions ask (<c>"camps":[{"name","short"}]</c>); CSV carries scenarios only.
/// Reading reports the first problem with its line; nothing is imported from a file with a problem.
/// </summary>
public sealed record DeckContent(IReadOnlyList<DeckEntry> Scenarios, IReadOnlyList<Camp>? Camps);

public static class DeckFile
{
    public const int MaxBytes = 256 * 1024;
    public const int MaxScenarios = 200;
    private static readonly string[] CsvHeader = ["public_body", "counterpart", "context", "notes"];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The deck as JSON; with <paramref name="camps"/> when the session asks them.</summary>
    public static string ToJson(IEnumerable<DeckEntry> entries, IReadOnlyList<Camp>? camps = null) =>
        JsonSerializer.Serialize(new JsonDeck([.. entries.Select(e => new JsonEntry(e.PublicBody, e.Counterpart, e.Context, e.Notes, e.Translations))], camps), Json);

    /// <summary>CSV for spreadsheets, with the translated columns of every language the deck has: a cell that starts like a formula is made plain text.</summary>
    public static string ToCsv(IEnumerable<DeckEntry> entries)
    {
        var list = entries.ToList();
        var codes = list.SelectMany(e => e.Translations?.Keys ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
        string[] header = [.. CsvHeader, .. codes.SelectMany(c => TranslatedColumns.Select(column => $"{column}_{c}"))];
        return SpreadsheetSafe.Csv(header, list.Select(e => new object?[] { e.PublicBody, e.Counterpart, e.Context, e.Notes }
            .Concat(codes.SelectMany(c => e.Translations?.GetValueOrDefault(c) is { } t ? new object?[] { t.PublicBody, t.Counterpart, t.Context } : [null, null, null]))
            .ToArray()));
    }

    /// <summary>The fields a translation has, as CSV columns (each followed by _ and the language's code).</summary>
    private static readonly string[] TranslatedColumns = ["public_body", "counterpart", "context"];

    /// <summary>Reads a deck file's scenarios by its extension (.json or .csv), checking every scenario.</summary>
    public static IReadOnlyList<DeckEntry> Read(string fileName, byte[] content) => ReadDeck(fileName, content).Scenarios;

    /// <summary>Reads a deck file by its extension, checking every scenario and the camps (<see cref="CampRules.Check"/>).</summary>
    public static DeckContent ReadDeck(string fileName, byte[] content)
    {
        if (content.Length > MaxBytes)
        {
            throw Problem($"The file is {content.Length / 1024} KB; the limit is {MaxBytes / 1024} KB.")
                .Says("fileTooBig", ("size", $"{content.Length / 1024}"), ("max", $"{MaxBytes / 1024}"));
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw Problem("The file is not UTF-8 text.").Says("fileNotUtf8");
        }

        var (entries, camps) = Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".json" => ReadJson(text),
            ".csv" => (ReadCsv(text), null),
            _ => throw Problem("Choose a .json or .csv file.").Says("fileType"),
        };
        return entries.Count switch
        {
            0 => throw Problem("The file has no scenarios.").Says("fileEmpty"),
            > MaxScenarios => throw Problem($"The file has {entries.Count} scenarios; the limit is {MaxScenarios}.")
                .Says("fileTooMany", ("count", $"{entries.Count}"), ("max", $"{MaxScenarios}")),
            _ => new DeckContent(entries, camps),
        };
    }

    private static (List<DeckEntry>, IReadOnlyList<Camp>?) ReadJson(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw Problem($"Line {(ex.LineNumber ?? 0) + 1}: this is not valid JSON ({FirstSentence(ex.Message)}).")
                .Says("jsonInvalid", ("line", $"{(ex.LineNumber ?? 0) + 1}"), ("detail", FirstSentence(ex.Message)));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("scenarios", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw Problem("The JSON needs a \"scenarios\" list, like {\"scenarios\": [{\"publicBody\": \"…\", \"counterpart\": \"…\"}]}.").Says("jsonNoList");
            }

            var entries = new List<DeckEntry>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                index++;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw Problem($"Scenario {index}: expected an object with publicBody and counterpart.").Says("jsonNotObject", ("number", $"{index}"));
                }

                entries.Add(Checked(Place.Scenario(index), Text(item, "publicBody"), Text(item, "counterpart"), Text(item, "context"), Text(item, "notes"), JsonTranslations(Place.Scenario(index), item)));
            }

            return (entries, ReadCamps(document.RootElement));
        }
    }

    private static Dictionary<string, ScenarioText>? JsonTranslations(Place where, JsonElement item)
    {
        if (!item.TryGetProperty("translations", out var all) || all.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (all.ValueKind != JsonValueKind.Object || all.EnumerateObject().Any(t => t.Value.ValueKind != JsonValueKind.Object))
        {
            throw Problem($"{where.English}: \"translations\" must be an object by language, like {{\"cy\": {{\"publicBody\": \"…\", \"counterpart\": \"…\", \"context\": \"…\"}}}}.")
                .Says("jsonTranslations", ("where", where.English));
        }

        return all.EnumerateObject().ToDictionary(t => t.Name, t => new ScenarioText(Text(t.Value, "publicBody"), Text(t.Value, "counterpart"), Text(t.Value, "context")));
    }

    private static IReadOnlyList<Camp>? ReadCamps(JsonElement root)
    {
        if (!root.TryGetProperty("camps", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.Object))
        {
            throw Problem("\"camps\" must be a list like [{\"name\": \"A public body\", \"short\": \"Public bodies\"}].").Says("jsonCamps");
        }

        try
        {
            return CampRules.Check([.. list.EnumerateArray().Select(c => new Camp(Text(c, "name") ?? "", Text(c, "short") ?? ""))]);
        }
        catch (DomainException ex)
        {
            throw Problem($"Camps: {ex.Message}").Says("inCamps").About(ex);
        }
    }

    private static List<DeckEntry> ReadCsv(string text)
    {
        // The parser would read an unclosed quote to the end of the file as one field, merging every
        // scenario after it into one: refuse the file instead, naming the line where the quote opens.
        if (UnclosedQuoteLine(text) is { } unclosed)
        {
            throw Problem($"Line {unclosed}: a quote opens here and is never closed, so the lines after it would run together. Close the quote, or write a quote inside quoted text as two (\"\").")
                .Says("csvQuote", ("line", $"{unclosed}"));
        }

        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = false, BadDataFound = null, MissingFieldFound = null };
        using var reader = new StringReader(text);
        using var csv = new CsvParser(reader, config);
        if (!csv.Read() || csv.Record is not { } header
            || !header.Select(h => h.Trim().ToLowerInvariant()).Take(2).SequenceEqual(CsvHeader.Take(2)))
        {
            throw Problem($"Line 1: the first line must be the header {string.Join(",", CsvHeader)}.").Says("csvHeader", ("header", string.Join(",", CsvHeader)));
        }

        var columns = CsvColumns(header);
        var entries = new List<DeckEntry>();
        while (csv.Read())
        {
            var row = csv.Record!;
            if (row.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var line = csv.RawRow;
            if (row.Length > header.Length)
            {
                throw Problem($"Line {line}: {row.Length} columns; expected at most {header.Length}. Put text with commas in double quotes.")
                    .Says("csvColumns", ("line", $"{line}"), ("count", $"{row.Length}"), ("max", $"{header.Length}"));
            }

            string? Column(string name) => columns.TryGetValue(name, out var i) ? Cell(row, i) : null;
            var translations = columns.Keys.Select(LanguageOf).OfType<string>().Distinct().ToDictionary(
                code => code,
                code => new ScenarioText(Column($"public_body_{code}"), Column($"counterpart_{code}"), Column($"context_{code}")));
            entries.Add(Checked(Place.Line(line), Column("public_body"), Column("counterpart"), Column("context"), Column("notes"), translations));
        }

        return entries;
    }

    /// <summary>Each column of the header by name: the four of a deck, and the translated ones (<c>context_cy</c>).</summary>
    private static Dictionary<string, int> CsvColumns(string[] header)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().ToLowerInvariant();
            if (!CsvHeader.Contains(name) && LanguageOf(name) is null)
            {
                throw Problem($"Line 1: the column \"{header[i].Trim()}\" is not one a deck has: {string.Join(",", CsvHeader)}, then translations such as {string.Join(",", TranslatedColumns.Select(c => c + "_cy"))}.")
                    .Says("csvUnknownColumn", ("column", header[i].Trim()), ("header", string.Join(",", CsvHeader)), ("translated", string.Join(",", TranslatedColumns.Select(c => c + "_cy"))));
            }

            if (!columns.TryAdd(name, i))
            {
                throw Problem($"Line 1: the column \"{name}\" is there twice.").Says("csvColumnTwice", ("column", name));
            }
        }

        return columns;
    }

    /// <summary>The language of a translated column ("cy" of "context_cy"), or null.</summary>
    private static string? LanguageOf(string column) =>
        TranslatedColumns.FirstOrDefault(c => column.StartsWith(c + "_", StringComparison.Ordinal)) is { } field
        && column[(field.Length + 1)..] is var code && ScenarioTexts.IsCode(code) ? code : null;

    /// <summary>The line on which a quoted field opens and never closes (RFC 4180 quoting), or null.</summary>
    private static int? UnclosedQuoteLine(string text)
    {
        var (line, openedOn, quoted, fieldStart) = (1, 0, false, true);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
            }

            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
            }
            else if (c == '"' && fieldStart)
            {
                (quoted, openedOn) = (true, line);
            }

            fieldStart = !quoted && c is ',' or '\n';
        }

        return quoted ? openedOn : null;
    }

    private static DeckEntry Checked(Place where, string? body, string? counterpart, string? context, string? notes, IReadOnlyDictionary<string, ScenarioText>? translations)
    {
        try
        {
            return new DeckEntry(
                TextInput.Required(body, "Public body", Scenario.MaxPartyLength),
                TextInput.Required(counterpart, "Counterpart", Scenario.MaxPartyLength),
                TextInput.Clean(context, "Context", Scenario.MaxContextLength, required: false, allowLineBreaks: true),
                TextInput.Clean(notes, "Notes", Scenario.MaxNotesLength, required: false, allowLineBreaks: true),
                ScenarioTexts.Clean(translations));
        }
        catch (DomainException ex)
        {
            throw Problem($"{where.English}: {ex.Message}").Says(where.Key, ("number", $"{where.Number}")).About(ex);
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Cell(string[] row, int i) => i < row.Length ? SpreadsheetSafe.Uncell(row[i]) : null;

    private static string FirstSentence(string message) => message.Split(". ")[0].TrimEnd('.');

    private static DomainException Problem(string message) => new(DomainError.InvalidInput, message);

    /// <summary>Where in a file a refusal is: a JSON file's scenario or a CSV file's line, in English and as its text's key.</summary>
    private readonly record struct Place(string Key, string English, int Number)
    {
        public static Place Scenario(int number) => new("inScenario", $"Scenario {number}", number);

        public static Place Line(int number) => new("onLine", $"Line {number}", number);
    }

    private sealed record JsonDeck(IReadOnlyList<JsonEntry> Scenarios, IReadOnlyList<Camp>? Camps);

    private sealed record JsonEntry(string PublicBody, string Counterpart, string? Context, string? Notes, IReadOnlyDictionary<string, ScenarioText>? Translations);
}
