using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Camps;
using SnogMarryAvoid.Core.Decks;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Accounts;
using SnogMarryAvoid.Web.Languages;

namespace SnogMarryAvoid.Tests.Languages;

/// <summary>
/// The staff pages' words (issue 19): every key the pages and Core name is in the language files, each of
/// Core's words the staff read (phases, states, verdicts, the next step, field names) has its text, and every
/// refusal a facilitator or organiser meets reads in Welsh, its English being Core's own message word for word.
/// </summary>
public sealed partial class StaffLanguageTests : IAsyncLifetime
{
    private static readonly Web.Languages.Languages All = new();
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static IReadOnlyDictionary<string, string> English => All.TextsOf(All.Default);

    private static Language Welsh => All.ByCode("cy");

    private static IEnumerable<(string File, string Text)> WebSources() =>
        Directory.EnumerateFiles(Path.Combine(Repo.Root, "SnogMarryAvoid.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)));

    [Fact]
    public void EveryKeyThePagesName_IsInTheLanguageFiles()
    {
        var named = WebSources().SelectMany(s => StaffKey().Matches(s.Text).Select(m => (s.File, Key: m.Groups[1].Value)))
            .Where(n => Path.GetExtension(n.Key) is not (".css" or ".js")).Distinct().ToList();

        named.Should().HaveCountGreaterThan(250, "the staff pages take their words from the files");
        named.Where(n => !English.ContainsKey(n.Key) && !(English.ContainsKey($"{n.Key}.one") && English.ContainsKey($"{n.Key}.many")))
            .Select(n => $"{n.File}: {n.Key}").Should().BeEmpty("every key a page names is a text (or a .one/.many pair)");
    }

    [Fact]
    public void EveryWordOfCore_TheStaffRead_HasItsText()
    {
        string[] keys =
        [
            .. Enum.GetNames<SessionPhase>().Select(p => $"staff.phase.{p}"),
            .. Enum.GetNames<ScenarioState>().Select(s => $"staff.state.{s}"),
            .. Enum.GetNames<Verdict>().SelectMany(v => new[] { $"staff.dominant.{v}", $"phone.verdict.{v}" }),
            .. Enum.GetNames<Choice>().Select(c => $"phone.choice.{c}"),
            .. new[] { Roles.Organiser, Roles.Facilitator }.Select(r => $"users.role.{r}"),
            .. new[] { "scenario", "pairing" }.SelectMany(w => new[] { $"reports.ternary.{w}", $"reports.ternary.{w}.table", $"reports.ternary.{w}.caption" }),
            .. new[] { 0.1, 0.5, 0.7, 0.9 }.Select(s => $"staff.divided.{StaffWords.WordKey(s)}"),
        ];
        English.Keys.Should().Contain(keys);

        // Every next step Core names (ScenarioRules.Next), as the console labels it.
        var rules = File.ReadAllText(Path.Combine(Repo.Root, "SnogMarryAvoid.Core", "Scenarios", "ScenarioRules.cs"));
        var steps = rules.Split('\n').Where(l => l.Contains("new NextStep(", StringComparison.Ordinal))
            .SelectMany(l => StepKey().Matches(l).Select(m => m.Groups[1].Value)).Distinct().ToList();
        steps.Should().HaveCount(9);
        English.Keys.Should().Contain(steps.Select(s => $"console.next.{s}"));
        English["console.next.showNext"].Should().Be("Show: {title}", "the English is Core's own label");
    }

    [Fact]
    public void EveryFieldCoreRefuses_IsNamedInWelsh_AsItsFormsLabelIt()
    {
        var core = Directory.EnumerateFiles(Path.Combine(Repo.Root, "SnogMarryAvoid.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText);
        var fields = core.SelectMany(t => FieldName().Matches(t).Select(m => m.Groups[1].Value))
            .Select(f => f.Replace("{i + 1}", "2", StringComparison.Ordinal).Replace("{code}", "cy", StringComparison.Ordinal))
            .Append("Your reason").Distinct().ToList();

        fields.Should().Contain(["Public body", "Counterpart", "Context", "Notes", "Title", "Email", "E-mail", "Camp 2", "Camp 2's short name", "Public body (cy)"]);
        foreach (var field in fields)
        {
            All.Field(field, All.Default).Should().Be(field, "in English a field is named as Core names it");
            All.Field(field, Welsh).Should().NotBe(field, $"\"{field}\" has a Welsh name");
        }

        All.Field("Public body", Welsh).Should().Be(All.TextsOf(Welsh)["console.field.publicBody"], "the refusal starts with the form's label, so it goes under that field");
        All.Field("Counterpart (cy)", Welsh).Should().Be("Y parti arall (cy)");
        All.Field("Camp 3's short name", Welsh).Should().Be("Enw byr gwersyll 3");
    }

    [Fact]
    public void IdentitysRefusals_AreIdentitysOwnWords_InEnglish_AndWelshInWelsh()
    {
        var own = new IdentityErrorDescriber();
        var ours = new LanguageIdentityErrors(All);
        var pairs = new (Func<IdentityErrorDescriber, IdentityError> Error, string Name)[]
        {
            (d => d.PasswordTooShort(10), "PasswordTooShort"),
            (d => d.PasswordMismatch(), "PasswordMismatch"),
            (d => d.DuplicateUserName("a@example.org"), "DuplicateUserName"),
            (d => d.DuplicateEmail("a@example.org"), "DuplicateEmail"),
            (d => d.InvalidEmail("nope"), "InvalidEmail"),
            (d => d.InvalidUserName("no pe"), "InvalidUserName"),
            (d => d.PasswordRequiresUniqueChars(3), "PasswordRequiresUniqueChars"),
            (d => d.ConcurrencyFailure(), "ConcurrencyFailure"),
            (d => d.DefaultError(), "DefaultError"),
        };

        foreach (var (error, name) in pairs)
        {
            InCulture("en-GB", () => error(ours)).Should().BeEquivalentTo(error(own), $"{name} in English is Identity's own");
            var welsh = InCulture("cy-GB", () => error(ours));
            welsh.Code.Should().Be(error(own).Code);
            welsh.Description.Should().NotBe(error(own).Description, $"{name} has its Welsh");
        }
    }

    [Fact]
    public async Task EveryRefusalTheStaffMeet_ReadsInWelsh_AndItsEnglishIsCoresOwnMessage()
    {
        var core = _app.Core;
        var organiser = await _app.OrganiserAsync();
        var refusals = new List<DomainException>();
        async Task Refused(Func<Task> call) => refusals.Add((await call.Should().ThrowAsync<DomainException>()).Which);
        void RefusedNow(Action call) => refusals.Add(call.Should().Throw<DomainException>().Which);

        var draft = await core.Sessions.CreateAsync("Drafft", organiser);
        var scenario = await core.Decks.AddAsync(draft.Id, organiser, "Cyngor", "Blogiwr", null);
        await Refused(() => core.Sessions.CreateAsync("  ", organiser));
        await Refused(() => core.Sessions.CreateAsync(new string('T', Session.MaxTitleLength + 1), organiser));
        await Refused(() => core.Scenarios.OpenAsync(draft.Id, scenario.Id, organiser));
        await Refused(() => core.Scenarios.GoToAsync(draft.Id, scenario.Id, organiser));
        await Refused(() => core.Sessions.ShareAsync(draft.Id, organiser, "nobody@example.org"));
        await Refused(() => core.Sessions.ShareAsync(draft.Id, organiser, AppFactory.OrganiserEmail));
        await Refused(() => core.Sessions.SetRoomLanguagesAsync(draft.Id, organiser, ["xx"], ["en", "cy"]));
        await Refused(() => core.Sessions.SetRoomLanguagesAsync(draft.Id, organiser, ["cy", "cy"], ["en", "cy"]));
        await Refused(() => core.Decks.AddAsync(draft.Id, organiser, [new DeckEntry("Cyngor", "Blogiwr", null, null), new DeckEntry("Cyngor", " ", null, null)]));
        await Refused(() => core.Decks.AddAsync(draft.Id, organiser, [new DeckEntry("Cyngor", "Blogiwr", null, null, new Dictionary<string, ScenarioText> { ["cy"] = new("Cyngor", null, null) })]));
        await Refused(() => core.Sessions.GetAsync(Guid.NewGuid(), organiser));
        await core.Sessions.StartAsync(draft.Id, organiser);
        await Refused(() => core.Sessions.StartAsync(draft.Id, organiser));
        await Refused(() => core.Scenarios.RevealAsync(draft.Id, scenario.Id, organiser));
        await Refused(() => core.Scenarios.CloseAsync(draft.Id, scenario.Id, organiser));
        await core.Scenarios.OpenAsync(draft.Id, scenario.Id, organiser);
        await Refused(() => core.Decks.RemoveAsync(draft.Id, scenario.Id, organiser));
        var camps = _app.Services.GetRequiredService<CampService>();
        await Refused(() => camps.SetAsync(draft.Id, organiser, CampSettings.Off with { Ask = true, Camps = [new Camp("Un", "Un")] }));
        await Refused(() => camps.SetAsync(draft.Id, organiser, CampSettings.Off with { Ask = true, Camps = [new Camp("Un", "Un"), new Camp("un", "Dau")] }));
        RefusedNow(() => Countdown.FromSeconds(1));
        RefusedNow(() => DeckFile.Read("deck.txt", "x"u8.ToArray()));
        RefusedNow(() => DeckFile.Read("deck.csv", "public_body,counterpart\nCyngor,\n"u8.ToArray()));
        RefusedNow(() => DeckFile.Read("deck.csv", "body,counterpart\n"u8.ToArray()));
        RefusedNow(() => DeckFile.Read("deck.json", "{\"scenarios\": [{\"publicBody\": \"Cyngor\"}]}"u8.ToArray()));
        RefusedNow(() => DeckFile.Read("deck.json", "{\"scenarios\": [}"u8.ToArray()));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            await Refused(() => accounts.CreateFacilitatorAsync(organiser, "not-an-address", "a-long-enough-password"));
            await Refused(() => accounts.CreateFacilitatorAsync(organiser, AppFactory.OrganiserEmail, "a-long-enough-password"));
            await Refused(() => accounts.CreateFacilitatorAsync(Actor.System with { IsOrganiser = false }, "new@example.org", "a-long-enough-password"));
        }

        refusals.Should().HaveCount(26);
        refusals.Should().OnlyContain(r => r.TextKey != null, "every refusal names its text");
        foreach (var refusal in refusals)
        {
            All.Explain(refusal, All.Default).Should().Be(refusal.Message, $"\"{refusal.TextKey}\" in English is Core's own words");
            var inWelsh = All.Explain(refusal, Welsh);
            inWelsh.Should().NotBe(refusal.Message, $"\"{refusal.TextKey}\" ({refusal.Message}) has its Welsh").And.NotContain("{").And.NotContain(" is required");
        }

        // A refusal about one scenario of a file says where, then what, both in Welsh.
        All.Explain(refusals.Single(r => r.TextKey == "onLine"), Welsh).Should().Be("Llinell 2: Y parti arall: mae angen hwn.");
    }

    private static T InCulture<T>(string culture, Func<T> work)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return work();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    [GeneratedRegex(@"""((?:staff|nav|console|sessions|reports|users|notFound|errorPage|field|identity|projector|account|join|phone|language)\.[A-Za-z.]*[A-Za-z])""")]
    private static partial Regex StaffKey();

    [GeneratedRegex(@"""([a-z][A-Za-z]+)""")]
    private static partial Regex StepKey();

    [GeneratedRegex(@"TextInput\.(?:Required|Clean)\([^,]+, \$?""([^""]+)""")]
    private static partial Regex FieldName();
}
