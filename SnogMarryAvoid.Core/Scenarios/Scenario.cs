namespace SnogMarryAvoid.Core.Scenarios;

public enum ScenarioState
{
    Pending = 0,
    Open = 1,
    Closed = 2,
    Revealed = 3,
}

/// <summary>A public-sector body meeting an online actor; the room votes snog, marry or avoid.</summary>
public sealed class Scenario
{
    public const int MaxPartyLength = 200;
    public const int MaxContextLength = 1000;
    public const int MaxNotesLength = 2000;

    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public int Order { get; set; }
    public required string PublicBody { get; set; }
    public required string Counterpart { get; set; }
    public string? Context { get; set; }

    /// <summary>Its text in other languages, as JSON (<see cref="ScenarioTexts"/>); null when it has none.</summary>
    public string? Translations { get; set; }

    /// <summary>Presenter notes: talking points for facilitators only, never shown to the room.</summary>
    public string? Notes { get; set; }

    /// <summary>When its text was last corrected after voting had opened on it; null if it never was.</summary>
    public DateTime? EditedAt { get; set; }
    public ScenarioState State { get; set; }
    public DateTime? OpenedAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>When a countdown will close voting by itself; null when no timer runs.</summary>
    public DateTime? ClosesAt { get; set; }

    public string Title => FormatTitle(PublicBody, Counterpart);

    public static string FormatTitle(string publicBody, string counterpart) => $"{publicBody} meets {counterpart}";
}
