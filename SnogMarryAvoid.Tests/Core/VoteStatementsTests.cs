using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

/// <summary>
/// The vote batch writes its rows in plain statements (issue 20: EF Core's change tracker cost several times the
/// statements' CPU for a batch of one). On SQLite and on a real PostgreSQL, what they write reads back through EF Core
/// exactly as the rules meant: new votes, changes of mind, a vote cast and changed in one batch, a repeat, and batches
/// big enough to need several commands under the parameter limit.
/// </summary>
public class VoteStatementsTests
{
    public static TheoryData<string> Engines => ["Sqlite", "Postgres"];

    private static readonly DateTimeOffset Start = new(2026, 12, 6, 21, 0, 0, TimeSpan.Zero);

    private static Task<TestCore> CoreOnAsync(string engine, TimeProvider clock)
    {
        if (engine == "Sqlite")
        {
            return TestCore.CreateSqliteAsync(clock);
        }

        return TestCore.CreateAsync(new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = TestServices.PostgresConnectionString($"sma_{Guid.NewGuid():N}"),
        }, clock: clock);
    }

    private static VoteBatcher.Pending Pending(Guid participant, Guid scenario, Choice choice) =>
        new(participant, scenario, choice, new TaskCompletionSource<VoteBatcher.Outcome>());

    /// <summary>A live session on <paramref name="engine"/> with its one scenario open and <paramref name="count"/> participants in it.</summary>
    private static async Task<(TestCore Core, Guid SessionId, Guid Scenario, IReadOnlyList<Guid> People)> OpenScenarioAsync(string engine, int count)
    {
        var core = await CoreOnAsync(engine, new FakeTimeProvider(Start));
        try
        {
            var (session, scenarios) = await core.LiveSessionAsync(1);
            var people = await core.JoinAsync(session.JoinCode, count);
            await core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
            return (core, session.Id, scenarios[0].Id, people);
        }
        catch
        {
            await core.DisposeAsync();
            throw;
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task BatchesOfManyVotes_ChangesAndRepeats_ReadBackThroughEFCore_AsTheRulesMeantThem(string engine)
    {
        var clock = new FakeTimeProvider(Start);
        await using var core = await CoreOnAsync(engine, clock);
        var (session, scenarios) = await core.LiveSessionAsync(1);
        var scenario = scenarios[0].Id;
        var people = await core.JoinAsync(session.JoinCode, 160);
        await core.Scenarios.OpenAsync(session.Id, scenario, TestCore.Owner);
        var batcher = core.Services.GetRequiredService<VoteBatcher>();
        var expected = new Dictionary<Guid, Choice>();

        // One batch of 160 new votes (more parameters than one command may carry), the first changed within the
        // batch, the second repeated with the same choice.
        var first = people.Select((p, i) => Pending(p, scenario, (Choice)((i % 3) + 1)))
            .Append(Pending(people[0], scenario, Choice.Avoid)).Append(Pending(people[1], scenario, Choice.Marry)).ToList();
        var castAt = clock.GetUtcNow().UtcDateTime;
        var applied = await core.Db.WriteAsync(ctx => batcher.ApplyAsync(ctx, first));
        foreach (var pending in first)
        {
            expected[pending.ParticipantId] = pending.Choice;
        }

        applied.Outcomes.Should().AllSatisfy(o => o.Refusal.Should().BeNull());
        applied.Outcomes[^1].Outcome!.Changed.Should().BeFalse("the second one repeats its choice");

        // The next batch, later: 150 changes of mind, and one participant changing twice.
        clock.Advance(TimeSpan.FromSeconds(30));
        var changedAt = clock.GetUtcNow().UtcDateTime;
        var second = people.Skip(2).Take(150).Select(p => Pending(p, scenario, expected[p] == Choice.Snog ? Choice.Marry : Choice.Snog))
            .Append(Pending(people[0], scenario, Choice.Snog)).Append(Pending(people[0], scenario, Choice.Marry)).ToList();
        var appliedLater = await core.Db.WriteAsync(ctx => batcher.ApplyAsync(ctx, second));
        var changes = new List<(Guid, Choice, Choice)> { (people[0], Choice.Snog, Choice.Avoid) };
        foreach (var pending in second)
        {
            changes.Add((pending.ParticipantId, expected[pending.ParticipantId], pending.Choice));
            expected[pending.ParticipantId] = pending.Choice;
        }

        await using var read = await core.Db.ReadAsync();
        var votes = await read.Votes.Where(v => v.ScenarioId == scenario).ToListAsync();
        votes.Should().HaveCount(160);
        votes.Should().AllSatisfy(v =>
        {
            v.Choice.Should().Be(expected[v.ParticipantId]);
            v.CastAt.Should().Be(castAt);
            v.CastAt.Kind.Should().Be(DateTimeKind.Utc);
            v.Reason.Should().BeNull();
            v.ReasonHidden.Should().BeFalse();
            v.ReasonSpotlighted.Should().BeFalse();
        });
        votes.Where(v => second.Any(p => p.ParticipantId == v.ParticipantId)).Should().AllSatisfy(v => v.UpdatedAt.Should().Be(changedAt));
        votes.Select(v => v.Sequence).Should().OnlyHaveUniqueItems();

        // Each caller's receipt names the row's final number; the session's counter is the last one handed out.
        var receipts = applied.Outcomes.Concat(appliedLater.Outcomes).Select(o => o.Outcome!.Receipt.Sequence);
        var byParticipant = votes.ToDictionary(v => v.ParticipantId);
        appliedLater.Outcomes.Zip(second).Should().AllSatisfy(x => x.First.Outcome!.Receipt.Sequence.Should().Be(byParticipant[x.Second.ParticipantId].Sequence));
        (await read.Sessions.Where(s => s.Id == session.Id).Select(s => s.VoteSequence).SingleAsync()).Should().Be(receipts.Max());

        var stored = await read.VoteChanges.Where(c => c.ScenarioId == scenario).Select(c => new { c.ParticipantId, c.From, c.To, c.ChangedAt }).ToListAsync();
        stored.Select(c => (c.ParticipantId, c.From, c.To)).Should().BeEquivalentTo(changes.Select(c => (c.Item1, c.Item2, c.Item3)));
        stored.Where(c => c.ParticipantId != people[0] || c.To != Choice.Avoid).Should().AllSatisfy(c => c.ChangedAt.Should().Be(changedAt));

        (await core.Voting.GetResultsAsync(scenario)).Should().Be(new ScenarioResults(scenario,
            expected.Values.Count(c => c == Choice.Snog), expected.Values.Count(c => c == Choice.Marry), expected.Values.Count(c => c == Choice.Avoid)));
        if (engine == "Postgres")
        {
            await read.Database.EnsureDeletedAsync();
        }
    }

    /// <summary>
    /// Each engine's own quoting and literals, read from its model and mappings (SQL Server is not run here: this is
    /// the one check its statements get).
    /// </summary>
    [Theory]
    [InlineData("sqlserver", "INSERT INTO [Votes] ([Id], [ScenarioId], [ParticipantId], [Choice], [CastAt], [UpdatedAt], [Sequence], [ReasonHidden], [ReasonSpotlighted]) VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, CAST(0 AS bit), CAST(0 AS bit));\n" +
        "UPDATE [Votes] SET [Choice] = {7}, [UpdatedAt] = {8}, [Sequence] = {9} WHERE [Id] = {10};\n" +
        "INSERT INTO [VoteChanges] ([Id], [ScenarioId], [ParticipantId], [From], [To], [ChangedAt]) VALUES ({11}, {12}, {13}, {14}, {15}, {16})")]
    [InlineData("postgres", "INSERT INTO \"Votes\" (\"Id\", \"ScenarioId\", \"ParticipantId\", \"Choice\", \"CastAt\", \"UpdatedAt\", \"Sequence\", \"ReasonHidden\", \"ReasonSpotlighted\") VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, FALSE, FALSE);\n" +
        "UPDATE \"Votes\" SET \"Choice\" = {7}, \"UpdatedAt\" = {8}, \"Sequence\" = {9} WHERE \"Id\" = {10};\n" +
        "INSERT INTO \"VoteChanges\" (\"Id\", \"ScenarioId\", \"ParticipantId\", \"From\", \"To\", \"ChangedAt\") VALUES ({11}, {12}, {13}, {14}, {15}, {16})")]
    [InlineData("sqlite", "INSERT INTO \"Votes\" (\"Id\", \"ScenarioId\", \"ParticipantId\", \"Choice\", \"CastAt\", \"UpdatedAt\", \"Sequence\", \"ReasonHidden\", \"ReasonSpotlighted\") VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, 0, 0);\n" +
        "UPDATE \"Votes\" SET \"Choice\" = {7}, \"UpdatedAt\" = {8}, \"Sequence\" = {9} WHERE \"Id\" = {10};\n" +
        "INSERT INTO \"VoteChanges\" (\"Id\", \"ScenarioId\", \"ParticipantId\", \"From\", \"To\", \"ChangedAt\") VALUES ({11}, {12}, {13}, {14}, {15}, {16})")]
    public void EachEngine_GetsStatementsInItsOwnQuotingAndLiterals(string provider, string expected)
    {
        using SnogDbContext ctx = provider switch
        {
            "postgres" => new PostgresSnogDbContext(new DbContextOptionsBuilder<PostgresSnogDbContext>().UseNpgsql("Host=design;Database=design").Options),
            "sqlserver" => new SqlServerSnogDbContext(new DbContextOptionsBuilder<SqlServerSnogDbContext>().UseSqlServer("Server=design;Database=design").Options),
            _ => new SqliteSnogDbContext(new DbContextOptionsBuilder<SqliteSnogDbContext>().UseSqlite("Data Source=design.db").Options),
        };

        VoteStatements.SqlOf(ctx).Should().Be(expected);
    }

    [Fact]
    public async Task ADuplicateFromAPlainStatement_IsRetriedOnceInAFreshContext_AsOneFromSaveChangesIs()
    {
        await using var core = await TestCore.CreateSqliteAsync();
        var (session, scenarios) = await core.LiveSessionAsync(1);
        var people = await core.JoinAsync(session.JoinCode, 1);
        var now = DateTime.UtcNow;
        var vote = new Vote { Id = Guid.NewGuid(), ScenarioId = scenarios[0].Id, ParticipantId = people[0], Choice = Choice.Snog, CastAt = now, UpdatedAt = now, Sequence = 1 };
        var attempts = 0;

        // Another writer stored the same row between this writer's read and its write: the engine refuses the second.
        await core.Db.WriteAsync(async ctx =>
        {
            if (++attempts == 1)
            {
                await VoteStatements.WriteAsync(ctx, [vote], [], []);
                await VoteStatements.WriteAsync(ctx, [vote], [], []);
            }

            return attempts;
        });

        attempts.Should().Be(2, "a unique-index violation from a plain statement is a lost race, tried once more");
        var again = () => core.Db.WriteAsync(async ctx =>
        {
            await VoteStatements.WriteAsync(ctx, [vote], [], []);
            await VoteStatements.WriteAsync(ctx, [vote], [], []);
            return 0;
        });
        (await again.Should().ThrowAsync<Microsoft.Data.Sqlite.SqliteException>()).Which.SqliteExtendedErrorCode.Should().BeOneOf(1555, 2067);
        DbWork.IsUniqueViolation(new InvalidOperationException()).Should().BeFalse();
    }

    /// <summary>
    /// The batch's reads are compiled queries, but EF Core 10 sends a list as one parameter per item by default, so
    /// their SQL changed with the batch's size and EF Core built it again for every batch (4–5 % of a calm vote's CPU).
    /// A list is one array-like parameter (<see cref="PersistenceSetup.CollectionMode"/>): one SQL text for any size.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines))]
    public async Task TheBatchsReads_AreOneSqlText_WhateverTheBatchsSize_SoEFCoreBuildsThemOnce(string engine)
    {
        var (core, _, scenario, people) = await OpenScenarioAsync(engine, 26);
        await using var owned = core;
        var batcher = core.Services.GetRequiredService<VoteBatcher>();

        async Task<List<string>> CommandsOfABatchAsync(IEnumerable<Guid> voters)
        {
            var before = core.Commands.Texts.Count;
            var applied = await core.Db.WriteAsync(ctx => batcher.ApplyAsync(ctx, [.. voters.Select(p => Pending(p, scenario, Choice.Snog))]));
            applied.Outcomes.Should().AllSatisfy(o => o.Refusal.Should().BeNull());
            return [.. core.Commands.Texts.Skip(before)];
        }

        static List<string> Reads(List<string> commands) => [.. commands.Where(c => !c.TrimStart().StartsWith("INSERT", StringComparison.OrdinalIgnoreCase))];

        var one = await CommandsOfABatchAsync(people.Take(1));
        var many = await CommandsOfABatchAsync(people.Skip(1));

        Reads(one).Should().HaveCountGreaterThanOrEqualTo(3, "the batch reads its scenarios and votes and takes its sequence numbers");
        Reads(many).Should().Equal(Reads(one), "a batch of 25 reads with the same SQL as a batch of one");
        many.Should().HaveCount(one.Count, "the 25 new rows are one INSERT too");
    }

    /// <summary>
    /// A batch takes its block of sequence numbers in one statement that returns the last number. It used to be sent as
    /// a query (<c>Database.SqlQuery</c>), which EF Core looks up in its query cache and runs through its query pipeline
    /// on every batch; it is sent as a statement now (<c>RawScalar</c>), as the batch's rows are: its reads are its
    /// compiled LINQ queries, and nothing else goes through the query pipeline.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines))]
    public async Task TheSequenceIsTaken_AsAStatement_NotAsAQuery(string engine)
    {
        var (core, _, scenario, people) = await OpenScenarioAsync(engine, 3);
        await using var owned = core;
        var batcher = core.Services.GetRequiredService<VoteBatcher>();

        var before = core.Commands.Sources.Count;
        var applied = await core.Db.WriteAsync(ctx => batcher.ApplyAsync(ctx, [.. people.Select(p => Pending(p, scenario, Choice.Marry))]));
        var sources = core.Commands.Sources.Skip(before).ToList();
        var texts = core.Commands.Texts.Skip(before).ToList();

        sources.Should().NotContain(Microsoft.EntityFrameworkCore.Diagnostics.CommandSource.FromSqlQuery, string.Join("\n", texts));
        sources.Should().OnlyContain(s => s == Microsoft.EntityFrameworkCore.Diagnostics.CommandSource.LinqQuery || s == Microsoft.EntityFrameworkCore.Diagnostics.CommandSource.ExecuteSqlRaw);
        texts.Where((t, i) => sources[i] == Microsoft.EntityFrameworkCore.Diagnostics.CommandSource.ExecuteSqlRaw && t.Contains("VoteSequence", StringComparison.Ordinal))
            .Should().ContainSingle("one statement takes the batch's block");
        applied.Outcomes.Select(o => o.Outcome!.Receipt.Sequence).Should().Equal([1L, 2L, 3L], "the block's numbers are the statement's value, counted back");
    }

    /// <summary>
    /// A vote batch writes its rows in plain statements and tracks nothing, so its commit has nothing for the change
    /// tracker to save: the pass is skipped (a calm vote's profile had it on every batch), while a write that changes
    /// tracked entities is still saved.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines))]
    public async Task AVoteBatch_CommitsWithoutAChangeTrackerPass_AndATrackedWriteIsStillSaved(string engine)
    {
        var (core, sessionId, scenario, people) = await OpenScenarioAsync(engine, 2);
        await using var owned = core;

        var saves = core.Saves.Count;
        var receipt = await core.Voting.CastVoteAsync(people[0], scenario, Choice.Marry);
        var changed = await core.Voting.CastVoteAsync(people[0], scenario, Choice.Avoid);
        core.Saves.Count.Should().Be(saves, "a vote and a change of mind are plain statements, with nothing tracked to save");
        changed.Sequence.Should().BeGreaterThan(receipt.Sequence);

        await using (var ctx = await core.Db.ReadAsync())
        {
            var stored = await ctx.Votes.AsNoTracking().SingleAsync(v => v.ParticipantId == people[0] && v.ScenarioId == scenario);
            stored.Choice.Should().Be(Choice.Avoid, "the commit kept the batch's statements");
        }

        await core.Scenarios.CloseAsync(sessionId, scenario, TestCore.Owner);
        core.Saves.Count.Should().BeGreaterThan(saves, "closing a scenario changes a tracked entity, which is saved");
        (await core.Sessions.GetAsync(sessionId, TestCore.Owner)).Room.Current!.State.Should().Be(ScenarioState.Closed);
    }
}
