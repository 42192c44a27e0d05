using System.Globalization;
using SnogMarryAvoid.Core.Camps;
using SnogMarryAvoid.Core.Reports;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Web.Languages;

/// <summary>
/// Core's words as the staff pages say them, in the reader's language: a session's phase, a scenario's state,
/// a choice, a verdict, a countdown, how divided a room was, the clicker's next step. Core decides which one
/// applies (the rules stay there); this only puts it in words from the language files.
/// </summary>
public static class StaffWords
{
    public static string Phase(this Languages languages, SessionPhase phase) => languages.T($"staff.phase.{phase}");

    public static string State(this Languages languages, ScenarioState state) => languages.T($"staff.state.{state}");

    public static string Choice(this Languages languages, Choice choice) => languages.T($"phone.choice.{choice}");

    /// <summary>A choice inside a sentence: "moved from snog to marry".</summary>
    public static string ChoiceWord(this Languages languages, Choice choice) => languages.Choice(choice).ToLower(CultureInfo.CurrentCulture);

    public static string Verdict(this Languages languages, Verdict verdict) => languages.T($"phone.verdict.{verdict}");

    /// <summary>A countdown preset, as <see cref="Countdown.Describe"/> has it: "No timer", "30 seconds", "2 minutes".</summary>
    public static string Countdown(this Languages languages, int seconds) => seconds switch
    {
        0 => languages.T("staff.countdown.none"),
        < 120 => languages.T("staff.countdown.seconds", ("count", seconds)),
        _ when seconds % 60 == 0 => languages.T("staff.countdown.minutes", ("count", seconds / 60)),
        _ => languages.T("staff.countdown.seconds", ("count", seconds)),
    };

    /// <summary>A score as every page shows it, "0.87 (very divided)": Core's figure and word (<see cref="Polarisation.Word"/>).</summary>
    public static string HowDivided(this Languages languages, double score) =>
        languages.T("staff.divided.score", ("score", score.ToString("0.00", CultureInfo.CurrentCulture)), ("word", languages.T($"staff.divided.{WordKey(score)}")));

    /// <summary>The key of Core's word for a score: "agreed" → agreed, "leaned one way" → leanedOneWay.</summary>
    public static string WordKey(double score) => Polarisation.Word(score) switch
    {
        "agreed" => "agreed",
        "leaned one way" => "leanedOneWay",
        "divided" => "divided",
        "very divided" => "veryDivided",
        var other => throw new InvalidOperationException($"No text for how divided: \"{other}\"."),
    };

    /// <summary>The clicker's next step (Core's <see cref="NextStep"/>), with the title of the scenario it shows, as the deck shows it.</summary>
    public static string Next(this Languages languages, ManagerView manager) =>
        languages.T($"console.next.{manager.Next.TextKey}",
            ("title", manager.Scenarios.FirstOrDefault(s => s.Id == manager.Next.ScenarioId) is { } next ? languages.Wording(next).Title : ""));

    /// <summary>The widest gap between two camps: "Public bodies: marry 64 % · Online: avoid 58 %".</summary>
    public static string Gap(this Languages languages, CampGap gap) =>
        languages.T("projector.gap", ("first", gap.First.Short), ("firstChoice", languages.ChoiceWord(gap.FirstChoice)), ("firstPercent", gap.FirstPercent),
            ("second", gap.Second.Short), ("secondChoice", languages.ChoiceWord(gap.SecondChoice)), ("secondPercent", gap.SecondPercent));

    /// <summary>A scenario's title and context in the reader's language where it has them (else its English), each with its language's code.</summary>
    public static ScenarioWording Wording(this Languages languages, ScenarioView scenario) =>
        ScenarioTexts.In(scenario, languages.Current.Code, languages.T("phone.scenarioTitle"));

    /// <summary>The <c>lang</c> for a text in the language <paramref name="code"/>: null when it is the page's own.</summary>
    public static string? LangOf(this Languages languages, string? code) =>
        code is null || code == languages.Current.Code ? null : languages.ByCode(code).Culture.Name;

    /// <summary>"1 vote", "12 votes", "1 pleidlais"…: <paramref name="key"/>.one or .many.</summary>
    public static string Count(this Languages languages, string key, int count) =>
        languages.T(count == 1 ? $"{key}.one" : $"{key}.many", ("count", count));
}
