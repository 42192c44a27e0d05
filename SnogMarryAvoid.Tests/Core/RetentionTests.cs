using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

public class RetentionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
    private TestCore _core = default!;

    public async ValueTask InitializeAsync() => _core = await TestCore.CreateSqliteAsync(_clock);

    public ValueTask DisposeAsync() => _core.DisposeAsync();

    private SessionRetention Retention(int? days) => new(
        _core.Sessions,
        Microsoft.Extensions.Options.Options.Create(new RetentionOptions { DeleteSessionsOlderThanDays = days }),
        _clock,
        NullLogger<SessionRetention>.Instance);

    [Fact]
    public async Task Off_ByDefault_DeletesNothing()
    {
        await _core.LiveSessionAsync(1, "Old");
        _clock.Advance(TimeSpan.FromDays(3650));

        (await Retention(null).RunOnceAsync()).Should().Be(0);
        (await _core.Sessions.ListAsync(TestCore.Organiser)).Should().HaveCount(1);
    }

    [Fact]
    public async Task On_DeletesSessionsPastRetention_ButNeverALiveOne()
    {
        var (ended, _) = await _core.LiveSessionAsync(1, "Ended long ago");
        await _core.Sessions.EndAsync(ended.Id, Actor.System);
        await _core.Sessions.CreateAsync("Draft long ago", TestCore.Owner);
        await _core.LiveSessionAsync(1, "Still live");
        _clock.Advance(TimeSpan.FromDays(31));
        await _core.Sessions.CreateAsync("Recent", TestCore.Owner);

        (await Retention(30).RunOnceAsync()).Should().Be(2);

        (await _core.Sessions.ListAsync(TestCore.Organiser)).Select(s => s.Title).Should().BeEquivalentTo(["Still live", "Recent"]);
    }
}
