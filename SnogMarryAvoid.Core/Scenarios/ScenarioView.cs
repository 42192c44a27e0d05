namespace SnogMarryAvoid.Core.Scenarios;

/// <summary>A scenario as the room sees it, with its text in other languages (<see cref="ScenarioTexts"/>) when it has any.</summary>
public sealed record ScenarioView(Guid Id, int Order, string PublicBody, string Counterpart, string? Context, ScenarioState State, DateTime? ClosesAt,
    IReadOnlyDictionary<string, ScenarioText>? Translations = null)
{
    public string Title => Scenario.FormatTitle(PublicBody, Counterpart);

    public static ScenarioView From(Scenario s) => new(s.Id, s.Order, s.PublicBody, s.Counterpart, s.Context, s.State, s.ClosesAt, ScenarioTexts.Read(s.Translations));
}
