namespace SnogMarryAvoid.Core.Voting;

/// <summary>How a verdict reads out loud in the room, on the projector and on every phone.</summary>
public static class VerdictText
{
    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.Snog => "The room says: snog!",
        Verdict.Marry => "The room says: marry!",
        Verdict.Avoid => "The room says: avoid!",
        Verdict.Split => "The room is split.",
        _ => "Nobody voted.",
    };
}
