namespace SnogMarryAvoid.Core.Sessions;

/// <summary>
/// The languages a session's room is run in, the first shown first: English alone (the default), Welsh alone,
/// or both (a bilingual room, Welsh first as the Welsh Language Standards expect). Stored in the session's row as
/// the codes joined by commas ("cy,en"); null is English alone. The projector speaks them; each phone speaks
/// its participant's own language.
/// </summary>
public static class RoomLanguages
{
    public const int MaxLanguages = 2;
    public const int MaxStorageLength = 16;

    public static IReadOnlyList<string> Default { get; } = [Scenarios.ScenarioTexts.English];

    public static IReadOnlyList<string> Read(string? stored) =>
        stored is null ? Default : stored.Split(',');

    /// <summary>The languages to store; English alone is stored as null.</summary>
    public static string? Write(IReadOnlyList<string> codes) =>
        codes.SequenceEqual(Default) ? null : string.Join(',', codes);

    /// <summary>
    /// The languages checked: one or two, each a language code ("cy"), none twice; each must be one the app
    /// has (<paramref name="known"/>, the language files), or the room would be shown a language nobody wrote.
    /// </summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<string>? codes, IReadOnlyCollection<string> known)
    {
        if (codes is null || codes.Count is 0 or > MaxLanguages)
        {
            throw new DomainException(DomainError.InvalidInput, "Choose one language for the room, or two for a bilingual room.").Says("roomLanguageCount");
        }

        if (codes.FirstOrDefault(c => !Scenarios.ScenarioTexts.IsCode(c) || !known.Contains(c)) is { } unknown)
        {
            throw new DomainException(DomainError.InvalidInput, $"There is no language \"{unknown}\": choose from {string.Join(", ", known)}.")
                .Says("languageUnknown", ("code", unknown), ("known", string.Join(", ", known)));
        }

        if (codes.Distinct().Count() != codes.Count)
        {
            throw new DomainException(DomainError.InvalidInput, "A bilingual room needs two different languages.").Says("roomLanguagesSame");
        }

        return [.. codes];
    }
}
