using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Persistence;

/// <summary>
/// The one model of the app, with the Identity stores beside it. Each database engine has a derived
/// context with its own migration set (<see cref="SqliteSnogDbContext"/>, <see cref="SqlServerSnogDbContext"/>,
/// <see cref="PostgresSnogDbContext"/>); code outside Persistence asks for this base type only.
/// </summary>
public abstract class SnogDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    /// <summary>The data-protection key ring (cookies, participant tokens), shared by every server on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<Scenario> Scenarios => Set<Scenario>();
    public DbSet<SessionShare> SessionShares => Set<SessionShare>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<Vote> Votes => Set<Vote>();
    public DbSet<VoteChange> VoteChanges => Set<VoteChange>();

    /// <summary>SQL for "this row belongs to a session that has not ended", in the engine's quoting.</summary>
    protected internal virtual string ActiveSessionFilter => "\"Phase\" <> 2";

    /// <summary>SQL for "this scenario is open", in the engine's quoting.</summary>
    protected internal virtual string OpenScenarioFilter => "\"State\" = 1";

    /// <summary>
    /// Adds <paramref name="count"/> to the session's vote sequence and returns the new last number, in one statement
    /// (the row stays locked until the commit, so blocks commit in order); in the engine's SQL.
    /// </summary>
    protected internal virtual FormattableString TakeVoteSequence(Guid sessionId, int count) =>
        $"UPDATE \"Sessions\" SET \"VoteSequence\" = \"VoteSequence\" + {count} WHERE \"Id\" = {sessionId} RETURNING \"VoteSequence\" AS \"Value\"";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SnogDbContext).Assembly);

        // The two rules the database itself enforces, so no race in the services can break them.
        builder.Entity<Session>().HasIndex(s => s.JoinCode).IsUnique().HasFilter(ActiveSessionFilter)
            .HasDatabaseName("IX_Sessions_JoinCode_Active");
        builder.Entity<Scenario>().HasIndex(s => s.SessionId).IsUnique().HasFilter(OpenScenarioFilter)
            .HasDatabaseName("IX_Scenarios_OneOpenPerSession");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every time is stored as UTC and read back marked as UTC, whatever the engine keeps.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? v.Value.ToUniversalTime() : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
