namespace SnogMarryAvoid.Core.Scenarios;

/// <summary>A scenario as the room sees it.</summary>
public sealed record ScenarioView(Guid Id, int Order, string PublicBody, string Counterpart, string? Context, ScenarioState State, DateTime? ClosesAt)
{
    public string Title => Scenario.FormatTitle(PublicBody, Counterpart);

    public static ScenarioView From(Scenario s) => new(s.Id, s.Order, s.PublicBody, s.Counterpart, s.Context, s.State, s.ClosesAt);
}
