namespace SnogMarryAvoid.Web.Components.Pages.About;

/// <summary>A block of the statement: a heading (level 1 to 3), a paragraph, or a list.</summary>
public abstract record StatementBlock;

public sealed record StatementHeading(int Level, string Text) : StatementBlock;

public sealed record StatementParagraph(string Text) : StatementBlock;

public sealed record StatementList(IReadOnlyList<string> Items) : StatementBlock;

/// <summary>
/// The accessibility statement, read from docs/accessibility.md (built into the app), so the page at
/// <c>/accessibility</c> and the doc never differ; in another language from docs/accessibility.{code}.md
/// (Welsh: accessibility.cy.md). Only the markdown the doc uses is understood: <c>#</c> headings,
/// paragraphs and <c>-</c> lists; everything is text, never markup.
/// </summary>
public static class AccessibilityStatement
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<StatementBlock>?> Read = new(StringComparer.Ordinal);

    /// <summary>The English statement (docs/accessibility.md).</summary>
    public static IReadOnlyList<StatementBlock> Blocks { get; } = In(Languages.Languages.DefaultCode)
        ?? throw new InvalidOperationException("The accessibility statement (docs/accessibility.md) is not built into the app.");

    /// <summary>The statement in the language <paramref name="code"/>, or null when it has not been written in it.</summary>
    public static IReadOnlyList<StatementBlock>? In(string code) => Read.GetOrAdd(code, static code =>
    {
        var name = code == Languages.Languages.DefaultCode ? "accessibility.md" : $"accessibility.{code}.md";
        using var stream = typeof(AccessibilityStatement).Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    });

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
