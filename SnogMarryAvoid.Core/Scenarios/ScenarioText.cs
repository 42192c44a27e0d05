using System.Text.Json;
using System.Text.RegularExpressions;

namespace SnogMarryAvoid.Core.Scenarios;

/// <summary>
/// A scenario's text in another language than English (Welsh, "cy"): its public body and counterpart,
/// which make its title together, and its context. A field left out falls back to the English.
/// </summary>
public sealed record ScenarioText(string? PublicBody, string? Counterpart, string? Context)
{
    /// <summary>Whether both parties are given, so the title can be said in this language.</summary>
    public bool HasTitle => PublicBody is not null && Counterpart is not null;
}

/// <summary>
/// A scenario as one language reads it: its title and context, each with the language it is really in
/// (the English where the translation has none), so a page can mark the other language with <c>lang</c>.
/// </summary>
public sealed record ScenarioWording(string Title, string TitleLanguage, string? Context, string? ContextLanguage);

/// <summary>
/// The translations of a scenario's text, by language code ("cy"), and how they are stored: a small JSON
/// object in the scenario's row (null when there are none). English is the scenario's own text, so it is
/// never a translation; a translation gives both parties or neither, and each field has the English limit.
/// </summary>
public static partial class ScenarioTexts
{
    public const string English = "en";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static IReadOnlyDictionary<string, ScenarioText>? Read(string? stored) =>
        stored is null ? null : JsonSerializer.Deserialize<Dictionary<string, ScenarioText>>(stored, Json);

    public static string? Write(IReadOnlyDictionary<string, ScenarioText>? texts) =>
        texts is null || texts.Count == 0 ? null : JsonSerializer.Serialize(texts.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(), Json);

    /// <summary>Whether <paramref name="code"/> looks like a language code: two or three lowercase letters ("cy", "gd").</summary>
    public static bool IsCode(string? code) => code is not null && CodeShape().IsMatch(code);

    /// <summary>
    /// The translations cleaned as every text is (<see cref="TextInput"/>), without the empty ones; null when none is left.
    /// A <see cref="DomainException"/> names the field and its language.
    /// </summary>
    public static IReadOnlyDictionary<string, ScenarioText>? Clean(IReadOnlyDictionary<string, ScenarioText>? texts)
    {
        if (texts is null)
        {
            return null;
        }

        var clean = new SortedDictionary<string, ScenarioText>(StringComparer.Ordinal);
        foreach (var (code, text) in texts)
        {
            if (!IsCode(code) || code == English)
            {
                throw new DomainException(DomainError.InvalidInput, $"\"{code}\" is not a language a scenario can be translated into: use a code such as \"cy\" (English is the scenario's own text).")
                    .Says("translationCode", ("code", code));
            }

            var body = TextInput.Clean(text.PublicBody, $"Public body ({code})", Scenario.MaxPartyLength, required: false);
            var counterpart = TextInput.Clean(text.Counterpart, $"Counterpart ({code})", Scenario.MaxPartyLength, required: false);
            var context = TextInput.Clean(text.Context, $"Context ({code})", Scenario.MaxContextLength, required: false, allowLineBreaks: true);
            if ((body is null) != (counterpart is null))
            {
                throw new DomainException(DomainError.InvalidInput, $"Give both the public body and the counterpart in \"{code}\", or neither: the title needs both.")
                    .Says("translationBoth", ("code", code));
            }

            if (body is not null || context is not null)
            {
                clean[code] = new ScenarioText(body, counterpart, context);
            }
        }

        return clean.Count == 0 ? null : clean;
    }

    /// <summary>
    /// The scenario in <paramref name="language"/>, its title made with that language's <paramref name="titleTemplate"/>
    /// (<c>{publicBody}</c>, <c>{counterpart}</c>); English (<see cref="Scenario.Title"/>) where it has no translation.
    /// </summary>
    public static ScenarioWording In(ScenarioView scenario, string language, string titleTemplate)
    {
        var text = language == English ? null : scenario.Translations?.GetValueOrDefault(language);
        var (title, titleLanguage) = text is { HasTitle: true }
            ? (titleTemplate.Replace("{publicBody}", text.PublicBody, StringComparison.Ordinal).Replace("{counterpart}", text.Counterpart, StringComparison.Ordinal), language)
            : (scenario.Title, English);
        var (context, contextLanguage) = text?.Context is { } translated ? (translated, language) : (scenario.Context, scenario.Context is null ? null : English);
        return new ScenarioWording(title, titleLanguage, context, contextLanguage);
    }

    [GeneratedRegex("^[a-z]{2,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodeShape();
}
