using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Hubs;

namespace SnogMarryAvoid.Tests.Integration;

/// <summary>A refused hub call is not an error: one line below Warning, no stack. An unexpected failure still is an Error, with its stack.</summary>
public sealed class RefusalLoggingTests : IAsyncLifetime
{
    private readonly LogCapture _logs = new();
    private readonly AppFactory _app;

    public RefusalLoggingTests() => _app = new AppFactory(
        settings: new() { ["Logging:LogLevel:Default"] = "Debug" },
        services: s =>
        {
            s.AddSingleton<ILoggerProvider>(_logs);
            s.Configure<HubOptions<SessionHub>>(o => o.AddFilter(new FailingFilter()));
        });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private const string Refusals = "SnogMarryAvoid.Web.Hubs.HubRefusals";

    [Fact]
    public async Task RefusedCalls_LogOneDebugLineEach_WithoutAStack_AndNothingAtWarningOrAbove()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync(2, owner: Actor.System);
        await _app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        await using var phone = _app.HubClient();
        await phone.StartAsync();
        await using var stranger = _app.HubClient();
        await stranger.StartAsync();
        await phone.InvokeAsync<JoinReply>("Join", session.JoinCode, null); // first use of the key ring, and a warm path
        _logs.Clear();

        Func<Task>[] refused =
        [
            () => stranger.InvokeAsync<JoinReply>("Join", "KX7PM", null),
            () => stranger.InvokeAsync<JoinReply>("Join", "<script>", null),
            () => stranger.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Snog),
            () => stranger.InvokeAsync<ResultsReply>("FollowResults"),
            () => stranger.InvokeAsync<RoomView>("Next", session.Id),
            () => phone.InvokeAsync<VoteReceipt>("Vote", scenarios[1].Id, Choice.Snog),
            () => phone.InvokeAsync<ScenarioResults>("GetResults", scenarios[0].Id),
        ];
        foreach (var call in refused)
        {
            await call.Should().ThrowAsync<HubException>();
        }

        var entries = _logs.Entries;
        entries.Where(e => e.Level >= LogLevel.Warning).Should().BeEmpty("a refusal is not a warning, let alone an error");
        entries.Where(e => e.Exception is not null).Should().BeEmpty("no refusal is logged with a stack trace");
        var lines = entries.Where(e => e.Category == Refusals).ToList();
        lines.Should().HaveCount(refused.Length, "one line per refused call");
        lines.Should().OnlyContain(e => e.Level == LogLevel.Debug && !e.Message.Contains('\n'));
        lines.Select(e => e.Message).Should().Contain(m => m.Contains("UnknownJoinCode", StringComparison.Ordinal))
            .And.Contain(m => m.Contains("NotJoined", StringComparison.Ordinal))
            .And.Contain(m => m.Contains("SignInRequired", StringComparison.Ordinal))
            .And.Contain(m => m.Contains("VotingClosed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnexpectedFailure_IsStillAnError_WithItsStack_LoggedOnce()
    {
        var (session, _) = await _app.Core.LiveSessionAsync(1, owner: Actor.System);
        await using var phone = _app.HubClient();
        await phone.StartAsync();
        await phone.InvokeAsync<JoinReply>("Join", session.JoinCode, null);
        _logs.Clear();

        var failing = () => phone.InvokeAsync<IReadOnlyList<VoteReceipt>>("GetMyVotes");

        (await failing.Should().ThrowAsync<HubException>()).Which.Message.Should().NotContain(FailingFilter.Secret, "the client gets no details");
        var errors = _logs.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        errors.Should().ContainSingle("the hub's own 'Failed to invoke' line would log it twice").Which.Should().Match<LogCapture.Entry>(e =>
            e.Category == Refusals && e.Exception is InvalidOperationException && e.Exception.StackTrace != null && e.Message.Contains("GetMyVotes"));
    }

    /// <summary>Fails one method with an exception no rule explains, as a bug would.</summary>
    private sealed class FailingFilter : IHubFilter
    {
        public const string Secret = "an internal detail";

        public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next) =>
            invocationContext.HubMethodName == "GetMyVotes" ? throw new InvalidOperationException(Secret) : next(invocationContext);
    }
}
