using System.Globalization;

namespace SnogMarryAvoid.Core.Camps;

/// <summary>
/// Where a participant is coming from, as the session asks it once on joining ("Where are you coming
/// from?"): a name for the button, and a short name for the projector's line ("Public bodies").
/// </summary>
public sealed record Camp(string Name, string Short);

/// <summary>The rules for a session's camps: how many, how long, the workshop's defaults.</summary>
public static class CampRules
{
    public const string Question = "Where are you coming from?";

    public const int MinCamps = 2;
    public const int MaxCamps = 5;
    public const int MaxNameLength = 40;
    public const int MaxShortLength = 24;

    /// <summary>A camp with fewer people than this is shown only as part of the room, so nobody's vote can be singled out.</summary>
    public const int SmallestShown = 3;

    /// <summary>The two camps of the workshop this app grew from, and the people between them.</summary>
    public static IReadOnlyList<Camp> Defaults { get; } =
    [
        new("A public body", "Public bodies"),
        new("A charity or campaign", "Charities and campaigns"),
        new("Online: blogger, activist, creator", "Online"),
        new("Somewhere else", "Elsewhere"),
    ];

    /// <summary>
    /// The camps as a facilitator set them, cleaned (trimmed, control characters removed) and checked:
    /// two to five, each named, none twice, names of at most 40 characters and short names of at most
    /// 24 (a short name left empty is the name). A <see cref="DomainException"/> names the first problem.
    /// </summary>
    public static IReadOnlyList<Camp> Check(IReadOnlyList<Camp> camps)
    {
        if (camps.Count is < MinCamps or > MaxCamps)
        {
            throw new DomainException(DomainError.InvalidInput,
                $"A session asks between {MinCamps} and {MaxCamps} camps; {camps.Count.ToString(CultureInfo.InvariantCulture)} given.")
                .Says("campCount", ("min", $"{MinCamps}"), ("max", $"{MaxCamps}"), ("count", camps.Count.ToString(CultureInfo.InvariantCulture)));
        }

        var cleaned = camps.Select((camp, i) =>
        {
            var name = TextInput.Required(camp.Name, $"Camp {i + 1}", MaxNameLength);
            var shortName = TextInput.Clean(camp.Short, $"Camp {i + 1}'s short name", MaxShortLength, required: false);
            return new Camp(name, shortName ?? (TextInput.Length(name) <= MaxShortLength ? name : throw new DomainException(DomainError.InvalidInput,
                $"Camp {i + 1} needs a short name of at most {MaxShortLength} characters for the projector.")
                .Says("campShortNeeded", ("number", (i + 1).ToString(CultureInfo.InvariantCulture)), ("max", $"{MaxShortLength}"))));
        }).ToList();
        var twice = cleaned.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return twice is null
            ? cleaned
            : throw new DomainException(DomainError.InvalidInput, $"\"{twice.Key}\" is there twice: each camp needs its own name.").Says("campTwice", ("name", twice.Key));
    }
}
