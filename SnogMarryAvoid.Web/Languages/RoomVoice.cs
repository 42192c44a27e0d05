using SnogMarryAvoid.Core.Scenarios;

namespace SnogMarryAvoid.Web.Languages;

/// <summary>One thing the room's screen says, in one language.</summary>
public sealed record Said(Language Language, string Text);

/// <summary>
/// How the room's screen speaks: in the session's languages (<see cref="Core.Sessions.RoomLanguages"/>), the first
/// shown first and the second beside it, smaller. Each text is said in every language; a text that reads the
/// same in both (a number, a name) is said once.
/// </summary>
public sealed class RoomVoice
{
    private readonly Languages _texts;

    private RoomVoice(Languages texts, IReadOnlyList<Language> languages) => (_texts, Languages) = (texts, languages);

    /// <summary>The room's languages from their codes; a code the app has no file for reads as the default.</summary>
    public static RoomVoice Of(Languages texts, IReadOnlyList<string> codes) =>
        new(texts, [.. codes.Select(texts.ByCode).Distinct()]);

    public IReadOnlyList<Language> Languages { get; }

    public Language First => Languages[0];

    public bool Bilingual => Languages.Count > 1;

    /// <summary>A text in each language (once when they read the same), the first language first.</summary>
    public IReadOnlyList<Said> Say(string key, params (string Name, object Value)[] values) => Once(SayEach(key, values));

    /// <summary>A text in every language, even where two read the same (for the words js/app.js swaps in).</summary>
    public IReadOnlyList<Said> SayEach(string key, params (string Name, object Value)[] values) =>
        [.. Languages.Select(l => new Said(l, SnogMarryAvoid.Web.Languages.Languages.Format(_texts.TextsOf(l), l.Culture, key, values)))];

    /// <summary>"one" or "many" of a counted text: <c>projector.votes.one</c> for 1.</summary>
    public IReadOnlyList<Said> Count(string key, int count) => Say($"{key}.{(count == 1 ? "one" : "many")}", ("count", count));

    /// <summary>A scenario's title in each language (its English where it has no translation), each marked with the language it is in.</summary>
    public IReadOnlyList<Said> Title(ScenarioView scenario) =>
        Once([.. Languages.Select(l => Wording(scenario, l)).Select(w => new Said(_texts.ByCode(w.TitleLanguage), w.Title))]);

    /// <summary>A scenario's context in each language, or none.</summary>
    public IReadOnlyList<Said> Context(ScenarioView scenario) =>
        Once([.. Languages.Select(l => Wording(scenario, l)).Where(w => w.Context is not null).Select(w => new Said(_texts.ByCode(w.ContextLanguage!), w.Context!))]);

    /// <summary>A choice's name ("Priodi").</summary>
    public IReadOnlyList<Said> Choice(Core.Voting.Choice choice) => Say($"phone.choice.{choice}");

    /// <summary>The widest gap between two camps: "Public bodies: marry 64 % · Online: avoid 58 %", the camps' names as typed.</summary>
    public IReadOnlyList<Said> Gap(Core.Camps.CampGap gap) =>
        Once([.. Languages.Select(l => new Said(l, SnogMarryAvoid.Web.Languages.Languages.Format(_texts.TextsOf(l), l.Culture, "projector.gap",
            ("first", gap.First.Short), ("firstChoice", _texts.TextsOf(l)[$"phone.choice.{gap.FirstChoice}"].ToLower(l.Culture)), ("firstPercent", gap.FirstPercent),
            ("second", gap.Second.Short), ("secondChoice", _texts.TextsOf(l)[$"phone.choice.{gap.SecondChoice}"].ToLower(l.Culture)), ("secondPercent", gap.SecondPercent))))]);

    private ScenarioWording Wording(ScenarioView scenario, Language language) =>
        ScenarioTexts.In(scenario, language.Code, _texts.TextsOf(language)["phone.scenarioTitle"]);

    private static IReadOnlyList<Said> Once(IReadOnlyList<Said> said) =>
        [.. said.DistinctBy(s => s.Text)];
}
