using System.ComponentModel.DataAnnotations;
using SnogMarryAvoid.Core.Settings;

namespace SnogMarryAvoid.Core.Limits;

/// <summary>The <c>Limits</c> section: how much one address, connection or participant may ask of the server.</summary>
public sealed class LimitsOptions : ISettings
{
    public static string Section => "Limits";

    /// <summary>Wrong join codes one network address may try per minute (a whole room may share one address).</summary>
    [Range(1, 100_000)]
    public int WrongJoinCodesPerMinute { get; set; } = 120;

    /// <summary>Calls one hub connection may make at once…</summary>
    [Range(1, 100_000)]
    public int HubCallBurst { get; set; } = 20;

    /// <summary>…and then per second.</summary>
    [Range(0.1, 100_000.0)]
    public double HubCallsPerSecond { get; set; } = 10;

    /// <summary>Votes and reasons one participant may send at once…</summary>
    [Range(1, 1_000)]
    public int VoteBurst { get; set; } = 10;

    /// <summary>…and then per second.</summary>
    [Range(0.1, 1_000.0)]
    public double VotesPerSecond { get; set; } = 3;

    /// <summary>The largest message the hub accepts; a larger one closes the connection.</summary>
    [Range(1024, 1_048_576)]
    public int HubMessageBytes { get; set; } = 8 * 1024;

    /// <summary>Hub connections open at once from one network address (a venue's Wi-Fi puts the whole room behind one).</summary>
    [Range(1, 1_000_000)]
    public int HubConnectionsPerAddress { get; set; } = 20_000;

    /// <summary>
    /// How often the hub pings each connection. A client that hears nothing for two and a half times this takes its
    /// connection for dead (the phone page does so, and also at once when a vote is not answered within
    /// <see cref="Contract.PhoneRules.AnswerWithinMs"/>). Every ping is a message to every phone: at 1 s, 19,000 phones
    /// were 19,000 messages a second doing nothing (docs/benchmarks.md).
    /// </summary>
    [Range(1, 60)]
    public int HubPingSeconds { get; set; } = 5;

    /// <summary>How long an idle HTTP keep-alive connection stays open.</summary>
    [Range(1, 3_600)]
    public int KeepAliveSeconds { get; set; } = 15;
}
