using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Web.Components.Shared;

/// <summary>How a verdict reads out loud in the room.</summary>
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
