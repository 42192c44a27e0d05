using SnogMarryAvoid.Core.Scenarios;

namespace SnogMarryAvoid.Web.Components.Pages.Facilitate;

/// <summary>A scenario's text in one other language while a form edits it.</summary>
public sealed class TranslationDraft
{
    public string? PublicBody { get; set; }

    public string? Counterpart { get; set; }

    public string? Context { get; set; }

    public bool HasText => !string.IsNullOrWhiteSpace(PublicBody) || !string.IsNullOrWhiteSpace(Counterpart) || !string.IsNullOrWhiteSpace(Context);

    /// <summary>The drafts of a scenario's stored translations.</summary>
    public static Dictionary<string, TranslationDraft> Of(IReadOnlyDictionary<string, ScenarioText>? texts) =>
        texts?.ToDictionary(t => t.Key, t => new TranslationDraft { PublicBody = t.Value.PublicBody, Counterpart = t.Value.Counterpart, Context = t.Value.Context })
        ?? [];

    /// <summary>What Core is given to check (<see cref="ScenarioTexts.Clean"/>): every draft, empty ones too (Core drops them).</summary>
    public static Dictionary<string, ScenarioText> ToTexts(Dictionary<string, TranslationDraft> drafts) =>
        drafts.ToDictionary(d => d.Key, d => new ScenarioText(d.Value.PublicBody, d.Value.Counterpart, d.Value.Context));
}
