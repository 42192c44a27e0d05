namespace SnogMarryAvoid.Web.Components.Pages.About;

/// <summary>A block of the statement: a heading (level 1 to 3), a paragraph, or a list.</summary>
public abstract record StatementBlock;

public sealed record StatementHeading(int Level, string Text) : StatementBlock;

public sealed record StatementParagraph(string Text) : StatementBlock;

public sealed record StatementList(IReadOnlyList<string> Items) : StatementBlock;

/// <summary>
/// The accessibility statement, read from docs/accessibility.md (built into the app), so the page at
/// <c>/accessibility</c> and the doc never differ. Only the markdown the doc uses is understood:
/// <c>#</c> headings, paragraphs and <c>-</c> lists; everything is text, never markup.
/// </summary>
public static class AccessibilityStatement
{
    public static IReadOnlyList<StatementBlock> Blocks { get; } = Parse(Read());

    private static string Read()
    {
        using var stream = typeof(AccessibilityStatement).Assembly.GetManifestResourceStream("accessibility.md")
            ?? throw new InvalidOperationException("The accessibility statement (docs/accessibility.md) is not built into the app.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IReadOnlyList<StatementBlock> Parse(string markdown)
    {
        var blocks = new List<StatementBlock>();
        var items = new List<string>();
        var paragraph = new List<string>();
        void Flush()
        {
            if (paragraph.Count > 0)
            {
                blocks.Add(new StatementParagraph(string.Join(' ', paragraph)));
                paragraph.Clear();
            }

            if (items.Count > 0)
            {
                blocks.Add(new StatementList([.. items]));
                items.Clear();
            }
        }

        foreach (var raw in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            var level = line.TakeWhile(c => c == '#').Count();
            if (level is > 0 and <= 3 && line.Length > level && line[level] == ' ')
            {
                Flush();
                blocks.Add(new StatementHeading(level, line[(level + 1)..].Trim()));
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                if (paragraph.Count > 0)
                {
                    Flush();
                }

                items.Add(line[2..].Trim());
            }
            else if (line.Length == 0)
            {
                Flush();
            }
            else if (items.Count > 0)
            {
                items[^1] += " " + line;
            }
            else
            {
                paragraph.Add(line);
            }
        }

        Flush();
        return blocks;
    }
}
