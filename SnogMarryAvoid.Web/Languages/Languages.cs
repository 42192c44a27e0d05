using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace SnogMarryAvoid.Web.Languages;

/// <summary>One language the app speaks: its code (the file's name, "cy"), its culture ("cy-GB") and its own name ("Cymraeg").</summary>
public sealed record Language(string Code, CultureInfo Culture, string Name);

/// <summary>
/// Every text people read, by key, in every language the app has: one JSON file per language in
/// <c>Languages/</c>, built into the app (<c>en.json</c>, <c>cy.json</c>). A file's <c>_culture</c> and
/// <c>_name</c> say which language it is; every other entry is a text, with <c>{name}</c> placeholders.
/// Adding a language is adding a file: the list of languages is the files found (docs/languages.md).
/// English is the default, and the language every other file is checked against.
/// </summary>
public sealed partial class Languages
{
    public const string DefaultCode = "en";
    private const string Prefix = "languages.";

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _texts;

    public Languages()
    {
        var assembly = typeof(Languages).Assembly;
        var found = new List<(Language Language, FrozenDictionary<string, string> Texts)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidOperationException($"{resource} is empty.");
            var code = resource[Prefix.Length..^".json".Length];
            var culture = CultureInfo.GetCultureInfo(entries["_culture"]);
            found.Add((new Language(code, culture, entries["_name"]), entries.Where(e => !e.Key.StartsWith('_')).ToFrozenDictionary(StringComparer.Ordinal)));
        }

        // English first: the default, then the others by code.
        All = [.. found.Select(f => f.Language).OrderBy(l => l.Code != DefaultCode).ThenBy(l => l.Code, StringComparer.Ordinal)];
        _texts = found.ToFrozenDictionary(f => f.Language.Code, f => f.Texts, StringComparer.Ordinal);
        Default = All.First(l => l.Code == DefaultCode);
    }

    public IReadOnlyList<Language> All { get; }

    public Language Default { get; }

    /// <summary>The language of a culture (cy-GB, cy, en-US…), or the default.</summary>
    public Language Of(CultureInfo culture) =>
        All.FirstOrDefault(l => l.Culture.Name == culture.Name)
        ?? All.FirstOrDefault(l => l.Culture.TwoLetterISOLanguageName == culture.TwoLetterISOLanguageName)
        ?? Default;

    /// <summary>The language of a code ("cy"), or the default for a code the app has no file for.</summary>
    public Language ByCode(string code) => All.FirstOrDefault(l => l.Code == code) ?? Default;

    /// <summary>The language of this request (set by the request's culture: cookie, then the browser's languages).</summary>
    public Language Current => Of(CultureInfo.CurrentUICulture);

    /// <summary>Every text of a language, by key.</summary>
    public IReadOnlyDictionary<string, string> TextsOf(Language language) => _texts[language.Code];

    /// <summary>A text in the current language, with its placeholders filled: <c>T("phone.received", ("choice", "Marry"))</c>.</summary>
    public string T(string key, params (string Name, object Value)[] values) => Format(TextsOf(Current), key, values);

    /// <summary>A text of <paramref name="texts"/>, with its placeholders filled.</summary>
    public static string Format(IReadOnlyDictionary<string, string> texts, string key, params (string Name, object Value)[] values) =>
        Format(texts, CultureInfo.CurrentCulture, key, values);

    /// <summary>A text of <paramref name="texts"/>, its placeholders filled as <paramref name="culture"/> writes numbers and dates.</summary>
    public static string Format(IReadOnlyDictionary<string, string> texts, CultureInfo culture, string key, params (string Name, object Value)[] values)
    {
        var text = texts.TryGetValue(key, out var found) ? found : throw new KeyNotFoundException($"No text \"{key}\".");
        foreach (var (name, value) in values)
        {
            text = text.Replace($"{{{name}}}", Convert.ToString(value, culture), StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The texts whose keys start with <paramref name="prefix"/>, in the current language (what phone.js is sent).</summary>
    public IReadOnlyDictionary<string, string> Section(string prefix) =>
        TextsOf(Current).Where(t => t.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(t => t.Key[prefix.Length..], t => t.Value);

    /// <summary>Whether <see cref="Explain"/> says a refusal in the language's own words (else it is Core's English).</summary>
    public bool Translates(Core.DomainException refusal, Language? language = null) =>
        refusal.TextKey is { } key && TextsOf(language ?? Current).ContainsKey($"error.{key}");

    /// <summary>
    /// A refusal in <paramref name="language"/> (default: the request's): the text it names
    /// (<see cref="Core.DomainException.TextKey"/>, under <c>error.</c>) with its values, or Core's English
    /// message when it names none. A <c>{field}</c> is the field's name in that language (<see cref="Field"/>),
    /// and a <c>{detail}</c> the refusal it places (<see cref="Core.DomainException.Detail"/>), explained the same way.
    /// </summary>
    public string Explain(Core.DomainException refusal, Language? language = null)
    {
        var reader = language ?? Current;
        var texts = TextsOf(reader);
        if (refusal.TextKey is not { } key || !texts.ContainsKey($"error.{key}"))
        {
            return refusal.Message;
        }

        var values = refusal.TextValues.Select(v => (v.Key, (object)(v.Key == "field" ? Field(v.Value, reader) : v.Value))).ToList();
        if (refusal.Detail is { } detail)
        {
            values.Add(("detail", Explain(detail, reader)));
        }

        return Format(texts, reader.Culture, $"error.{key}", [.. values]);
    }

    /// <summary>
    /// The name of a field Core refuses ("Public body", "Public body (cy)", "Camp 2", "Camp 2's short name"), in
    /// <paramref name="language"/>: the words the form's label uses, so a form can put the refusal beside it.
    /// A name the files do not have stays as Core gives it.
    /// </summary>
    public string Field(string english, Language? language = null)
    {
        var texts = TextsOf(language ?? Current);
        if (TranslatedField().Match(english) is { Success: true } translated)
        {
            return $"{Field(translated.Groups[1].Value, language)} ({translated.Groups[2].Value})";
        }

        if (NumberedField().Match(english) is { Success: true } numbered)
        {
            return Format(texts, $"field.{numbered.Groups[2].Value switch { "" => "camp", _ => "campShort" }}", ("number", numbered.Groups[1].Value));
        }

        return FieldKeys.TryGetValue(english, out var key) ? texts[$"field.{key}"] : english;
    }

    // Core's names of the fields it checks (TextInput), and their keys under "field.".
    private static readonly FrozenDictionary<string, string> FieldKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Public body"] = "publicBody",
        ["Counterpart"] = "counterpart",
        ["Context"] = "context",
        ["Notes"] = "notes",
        ["Title"] = "title",
        ["Email"] = "email",
        ["E-mail"] = "eMail",
        ["Your reason"] = "yourReason",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The English names of the fields Core refuses by name, for the test that each has its words.</summary>
    public static IReadOnlyCollection<string> FieldNames => FieldKeys.Keys;

    [System.Text.RegularExpressions.GeneratedRegex(@"^(.+) \(([a-z]{2,3})\)$")]
    private static partial System.Text.RegularExpressions.Regex TranslatedField();

    [System.Text.RegularExpressions.GeneratedRegex(@"^Camp (\d+)((?:'s short name)?)$")]
    private static partial System.Text.RegularExpressions.Regex NumberedField();
}
