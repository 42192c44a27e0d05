using System.Text.Json;

namespace SnogMarryAvoid.Core.Camps;

/// <summary>
/// A session's camp settings as the console sets them and every staff view carries them: whether phones
/// ask, the camps (the workshop's defaults until the facilitator changes them), and what the projector
/// shows at the reveal.
/// </summary>
public sealed record CampSettings(bool Ask, IReadOnlyList<Camp> Camps, bool SplitOnProjector, bool WordsOnProjector)
{
    /// <summary>A new session's: not asked, the defaults ready, the split on the projector once asked, no words.</summary>
    public static CampSettings Off { get; } = new(false, CampRules.Defaults, true, false);
}

/// <summary>How a session's camps are stored: a small JSON list in the session's row (null is the defaults).</summary>
public static class CampList
{
    /// <summary>Room in the column for five camps of the longest names in any script, as JSON.</summary>
    public const int MaxStorageLength = 2000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IReadOnlyList<Camp> Read(string? stored) =>
        stored is null ? CampRules.Defaults : JsonSerializer.Deserialize<List<Camp>>(stored, Json) ?? [.. CampRules.Defaults];

    /// <summary>The camps to store; the defaults are stored as null.</summary>
    public static string? Write(IReadOnlyList<Camp> camps) =>
        camps.SequenceEqual(CampRules.Defaults) ? null : JsonSerializer.Serialize(camps, Json);

    /// <summary>The settings of a stored session.</summary>
    public static CampSettings Of(Sessions.Session session) =>
        new(session.AsksCamp, Read(session.CampList), session.ProjectorShowsCamps, session.ProjectorShowsWords);
}
