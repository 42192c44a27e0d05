using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;

namespace SnogMarryAvoid.Core.Voting;

/// <summary>When a participant may vote or give a reason: the one place these rules are written.</summary>
internal static class VotingRules
{
    /// <summary>
    /// Null when the participant (whose session is <paramref name="participantSession"/>, or null if
    /// unknown) may vote on <paramref name="scenario"/> (null if unknown) now; otherwise why not.
    /// </summary>
    public static DomainException? WhyNot(Guid? participantSession, Scenario? scenario, SessionPhase? phase, DateTime now) =>
        WhyNot(participantSession, scenario is null ? null : new VoteTarget(scenario.SessionId, scenario.State, scenario.ClosesAt), phase, now);

    /// <summary>The same rules, given what they need of the scenario (<see cref="VoteTarget"/>).</summary>
    public static DomainException? WhyNot(Guid? participantSession, VoteTarget? scenario, SessionPhase? phase, DateTime now)
    {
        if (participantSession is null)
        {
            return new DomainException(DomainError.NotFound, "You are not in this session; join it again with its code.").Says("notInSession");
        }

        if (scenario is null)
        {
            return new DomainException(DomainError.NotFound, "That scenario does not exist.").Says("scenarioMissing");
        }

        if (scenario.SessionId != participantSession)
        {
            return new DomainException(DomainError.ScenarioNotInSession, "That scenario belongs to another session.").Says("scenarioElsewhere");
        }

        var timeIsUp = scenario.ClosesAt is { } deadline && deadline <= now;
        return (phase, scenario.State) switch
        {
            (_, ScenarioState.Open) when timeIsUp => new DomainException(DomainError.VotingClosed, "Time is up: voting on this scenario is closed.").Says("timeUp"),
            (SessionPhase.Ended, _) => new DomainException(DomainError.VotingClosed, "The session has ended; voting is closed.").Says("sessionEndedVoting"),
            (_, ScenarioState.Pending) => new DomainException(DomainError.VotingClosed, "Voting on this scenario has not opened yet.").Says("notOpenYet"),
            (_, ScenarioState.Closed or ScenarioState.Revealed) => new DomainException(DomainError.VotingClosed, "Voting on this scenario is closed.").Says("votingClosed"),
            _ => null,
        };
    }
}

/// <summary>What the voting rules need of a scenario: its session, its state, and when a countdown closes it.</summary>
internal sealed record VoteTarget(Guid SessionId, ScenarioState State, DateTime? ClosesAt);
