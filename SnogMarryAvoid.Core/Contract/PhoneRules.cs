using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Contract;

/// <summary>One of the ballot's choices: its number on the wire and its name on the button.</summary>
public sealed record BallotChoice(Choice Value, string Name);

/// <summary>
/// What the phone page needs to know of Core's rules and names, sent in the page itself, so that
/// <c>js/phone.js</c> copies none of them: the numbers of the phases and scenario states it draws, the
/// choices with their names, the reason's limit with Core's own words for going over it, and what a
/// scenario shown before voting opens says, the camp question ("Where are you coming from?"), and the
/// verdicts' numbers (the phone names each in the participant's language). The English words here are
/// what the language files must say too (a test compares them).
/// </summary>
public sealed record PhoneRules(
    IReadOnlyDictionary<string, int> Phases,
    IReadOnlyDictionary<string, int> States,
    IReadOnlyList<BallotChoice> Choices,
    int MaxReasonLength,
    string ReasonTooLong,
    string BeforeVoting,
    string CampQuestion,
    IReadOnlyDictionary<string, int> Verdicts,
    int AnswerWithin = PhoneRules.AnswerWithinMs)
{
    /// <summary>
    /// How long the phone waits for a vote's answer before it takes its connection for dead, keeps the tap and
    /// connects again: a network gone silent is noticed at the tap, without the server pinging every phone every second.
    /// </summary>
    public const int AnswerWithinMs = 4000;

    /// <summary>The placeholder in <see cref="ReasonTooLong"/> for the length the person typed.</summary>
    public const string LengthPlaceholder = "{length}";

    public static PhoneRules Current { get; } = new(
        Enum.GetValues<SessionPhase>().ToDictionary(p => p.ToString(), p => (int)p),
        Enum.GetValues<ScenarioState>().ToDictionary(s => s.ToString(), s => (int)s),
        [.. Enum.GetValues<Choice>().Select(c => new BallotChoice(c, c.ToString()))],
        Vote.MaxReasonLength,
        TextInput.TooLong(VotingService.ReasonField, LengthPlaceholder, Vote.MaxReasonLength),
        ScenarioRules.BeforeVoting,
        Camps.CampRules.Question,
        Enum.GetValues<Verdict>().ToDictionary(v => v.ToString(), v => (int)v));
}
