using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Camps;
using SnogMarryAvoid.Core.Contract;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Languages;

namespace SnogMarryAvoid.Tests.Languages;

/// <summary>
/// English and Welsh (issue 19): no half-translated screen (every text in every language, with the same
/// placeholders), the phone's English is Core's own words, phone.js holds no text of its own, and the
/// language follows the switch, then the browser.
/// </summary>
public sealed partial class LanguageTests : IAsyncLifetime
{
    private static readonly Web.Languages.Languages All = new();
    private static readonly string Script = File.ReadAllText(Path.Combine(Repo.Root, "SnogMarryAvoid.Web", "wwwroot", "js", "phone.js"));
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static IReadOnlyDictionary<string, string> English => All.TextsOf(All.Default);

    [Fact]
    public void TheAppSpeaks_EnglishAndWelsh_EnglishFirst()
    {
        All.All.Select(l => (l.Code, l.Culture.Name, l.Name)).Should().Equal(("en", "en-GB", "English"), ("cy", "cy-GB", "Cymraeg"));
        All.Of(new System.Globalization.CultureInfo("cy")).Code.Should().Be("cy");
        All.Of(new System.Globalization.CultureInfo("fr-FR")).Code.Should().Be("en", "a language the app does not have falls back to English");
    }

    [Fact]
    public void EveryText_IsInEveryLanguage_WithTheSamePlaceholders_AndNoneIsEmpty()
    {
        foreach (var language in All.All)
        {
            var texts = All.TextsOf(language);
            texts.Keys.Should().BeEquivalentTo(English.Keys, $"{language.Code}.json has every text of en.json and no other");
            texts.Should().OnlyContain(t => !string.IsNullOrWhiteSpace(t.Value), $"no text of {language.Code}.json is empty");
            foreach (var (key, text) in texts)
            {
                Placeholders(text).Should().BeEquivalentTo(Placeholders(English[key]), $"{language.Code}.json's \"{key}\" fills the same blanks as English");
            }
        }
    }

    [Fact]
    public void ThePhonesEnglish_IsCoresOwnWords()
    {
        English["phone.beforeVoting"].Should().Be(ScenarioRules.BeforeVoting);
        English["phone.campQuestion"].Should().Be(CampRules.Question);
        English["phone.reasonTooLong"].Replace("{max}", Vote.MaxReasonLength.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Should().Be(PhoneRules.Current.ReasonTooLong);
        foreach (var verdict in Enum.GetValues<Verdict>())
        {
            English[$"phone.verdict.{verdict}"].Should().Be(VerdictText.Of(verdict));
        }

        foreach (var choice in Enum.GetNames<Choice>())
        {
            English[$"phone.choice.{choice}"].Should().Be(choice);
        }

        // The room's screen says what Core says, and titles a scenario as Core does.
        English["projector.state.Pending"].Should().Be(ScenarioRules.BeforeVoting);
        English["phone.scenarioTitle"].Replace("{publicBody}", "A", StringComparison.Ordinal).Replace("{counterpart}", "B", StringComparison.Ordinal)
            .Should().Be(Scenario.FormatTitle("A", "B"));
        var gap = new CampGap(new Camp("A public body", "Public bodies"), Choice.Marry, 64, new Camp("Online", "Online"), Choice.Avoid, 58, 0.5);
        RoomVoiceOf("en").Gap(gap).Single().Text.Should().Be(gap.Text);
    }

    private static RoomVoice RoomVoiceOf(params string[] codes) => RoomVoice.Of(All, codes);

    [Fact]
    public void ABilingualRoom_SaysEachTextWelshFirst_OnceWhereBothReadTheSame_AndEachScenarioInItsOwnLanguage()
    {
        var voice = RoomVoiceOf("cy", "en");

        voice.Bilingual.Should().BeTrue();
        voice.Say("projector.thankYou").Select(s => (s.Language.Code, s.Text)).Should().Equal(("cy", "Diolch am gymryd rhan!"), ("en", "Thank you for taking part!"));
        voice.Count("projector.votes", 1).Select(s => s.Text).Should().Equal("1 bleidlais", "1 vote");
        voice.Count("projector.votes", 12).Select(s => s.Text).Should().Equal("12 o bleidleisiau", "12 votes");
        voice.Say("projector.gap", []).Should().HaveCount(1, "a text that reads the same in both is said once");
        voice.SayEach("projector.moreReason.one").Should().HaveCount(2, "the words js/app.js swaps in are in each language");

        var scenario = new ScenarioView(Guid.NewGuid(), 1, "Police force", "community group", "They name suspects.", ScenarioState.Open, null,
            new Dictionary<string, ScenarioText> { ["cy"] = new("Heddlu", "grŵp cymunedol", null) });
        voice.Title(scenario).Select(s => (s.Language.Code, s.Text)).Should().Equal(("cy", "Heddlu yn cwrdd â grŵp cymunedol"), ("en", "Police force meets community group"));
        voice.Context(scenario).Select(s => (s.Language.Code, s.Text)).Should().Equal([("en", "They name suspects.")], "a context with no Welsh is said once, in English, marked as English");
        RoomVoiceOf("cy").Title(scenario with { Translations = null }).Single().Language.Code.Should().Be("en", "a Welsh room marks an untranslated title as English");
        RoomVoiceOf("fr").First.Code.Should().Be("en", "a language the app has no file for reads as English");
    }

    [Fact]
    public void EveryRoomText_TheProjectorAsksFor_IsInTheLanguageFiles()
    {
        var view = File.ReadAllText(Path.Combine(Repo.Root, "SnogMarryAvoid.Web", "Components", "Shared", "ProjectorView.razor"));
        var keys = ProjectorKey().Matches(view).Select(m => m.Groups[1].Value).Distinct().ToList();
        keys.Should().HaveCountGreaterThan(12);
        foreach (var key in keys)
        {
            English.Keys.Should().Contain(k => k == key || k.StartsWith(key + ".", StringComparison.Ordinal) || (key.EndsWith('.') && k.StartsWith(key, StringComparison.Ordinal)),
                $"the projector's \"{key}\" is in the language files");
        }

        foreach (var state in Enum.GetNames<ScenarioState>())
        {
            English.Should().ContainKey($"projector.state.{state}");
        }
    }

    [GeneratedRegex(@"""((?:projector|phone)\.[A-Za-z.]+)")]
    private static partial Regex ProjectorKey();

    [Fact]
    public void PhoneJs_HasNoTextOfItsOwn_AndEveryKeyItUsesExists()
    {
        var used = Used().Matches(Script).Select(m => m.Groups[1].Value).Distinct().ToList();
        used.Should().HaveCountGreaterThan(30);
        used.Should().OnlyContain(key => English.ContainsKey($"phone.{key}"), "every text phone.js asks for is in the language files");
        foreach (var (key, text) in English.Where(t => t.Key.StartsWith("phone.", StringComparison.Ordinal) && t.Value.Length > 8))
        {
            Script.Should().NotContain(text, $"\"{key}\" comes from the page, in the participant's language");
        }
    }

    [Fact]
    public async Task ThePhonePages_FollowTheBrowsersLanguages_AndTheSwitchWins_RememberedInACookie()
    {
        var (session, _) = await _app.Core.LiveSessionAsync(1, owner: SnogMarryAvoid.Core.Accounts.Actor.System);
        using var browser = _app.Browserish();

        var welsh = await GetAsync(browser, "/", "cy,en-GB;q=0.8");
        welsh.Should().Contain("<html lang=\"cy-GB\">").And.Contain("Cod ymuno").And.Contain(">English</a>");
        Regex.IsMatch(welsh, @"<a href=""/language/en\?back=%2F"" lang=""en-GB"" hreflang=""en""").Should().BeTrue("the switch is named and marked in its own language");
        (await GetAsync(browser, "/", "en-GB")).Should().Contain("<html lang=\"en-GB\">").And.Contain("Join code").And.Contain(">Cymraeg</a>");
        var votePage = await GetAsync(browser, $"/join/{session.JoinCode}", "cy");
        var texts = JsonDocument.Parse(WebUtility.HtmlDecode(TextsAttribute().Match(votePage).Groups[1].Value)).RootElement;
        texts.GetProperty("joining").GetString().Should().Be("Yn ymuno…");

        // The switch: back where it came from, in the language chosen, whatever the browser says.
        var switched = await browser.GetAsync($"/language/en?back={Uri.EscapeDataString($"/join/{session.JoinCode}")}");
        switched.StatusCode.Should().Be(HttpStatusCode.Redirect);
        switched.Headers.Location!.ToString().Should().Be($"/join/{session.JoinCode}");
        switched.Headers.GetValues("Set-Cookie").Single().Should().StartWith($"{LanguageSetup.CookieName}=").And.Contain("httponly").And.Contain("samesite=lax");
        (await GetAsync(browser, $"/join/{session.JoinCode}", "cy")).Should().Contain("<html lang=\"en-GB\">", "the switch beats the browser's languages");
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("")]
    public async Task TheSwitch_GoesBackOnlyToThisSite(string back)
    {
        using var browser = _app.Browserish();

        var response = await browser.GetAsync($"/language/cy?back={Uri.EscapeDataString(back)}");

        response.Headers.Location!.ToString().Should().Be("/");
    }

    [Fact]
    public async Task AnUnknownLanguage_IsAClear404_AndSetsNothing()
    {
        using var browser = _app.Browserish();

        var response = await browser.GetAsync("/language/xx?back=/");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Be("There is no language \"xx\": choose one of en, cy.");
        response.Headers.Contains("Set-Cookie").Should().BeFalse();
    }

    [Fact]
    public async Task EveryPage_FollowsTheReader_TheAccessibilityStatementToo()
    {
        using var browser = _app.Browserish();

        (await GetAsync(browser, "/accessibility", "cy")).Should().Contain("<html lang=\"cy-GB\">").And.Contain("<h1>Datganiad hygyrchedd ar gyfer Cusanu, priodi, osgoi?</h1>").And.NotContain("lang=\"en-GB\" class=\"statement\"");
        (await GetAsync(browser, "/accessibility", "en-GB")).Should().Contain("<html lang=\"en-GB\">").And.Contain("Accessibility statement for");
        (await GetAsync(browser, "/not-found", "cy")).Should().Contain("<html lang=\"cy-GB\">").And.Contain("Heb ei ganfod");
        (await GetAsync(browser, "/account/login", "cy")).Should().Contain("<html lang=\"cy-GB\">").And.Contain("Mewngofnodi").And.NotContain("Sign in</h1>");
        (await GetAsync(browser, "/account/login", "en-GB")).Should().Contain("<html lang=\"en-GB\">").And.Contain("Sign in</h1>");
    }

    [Fact]
    public async Task EveryRefusalAPhoneMeets_ReadsInTheReadersLanguage_AndItsEnglishIsCoresOwnMessage()
    {
        var core = _app.Core;
        var camps = _app.Services.GetRequiredService<CampService>();
        var (live, scenarios) = await core.LiveSessionAsync(2, owner: SnogMarryAvoid.Core.Accounts.Actor.System);
        var (ended, _) = await core.LiveSessionAsync(1, owner: SnogMarryAvoid.Core.Accounts.Actor.System);
        await core.Sessions.EndAsync(ended.Id, SnogMarryAvoid.Core.Accounts.Actor.System);
        var people = await core.JoinAsync(live.JoinCode, 2);
        var person = people[0];
        await core.Scenarios.OpenAsync(live.Id, scenarios[1].Id, SnogMarryAvoid.Core.Accounts.Actor.System);

        var refusals = new List<DomainException>();
        async Task Refused(Func<Task> call) => refusals.Add((await call.Should().ThrowAsync<DomainException>()).Which);
        await Refused(() => core.Sessions.FindByCodeAsync("!!"));
        await Refused(() => core.Sessions.FindByCodeAsync("KX7P0"));
        await Refused(() => core.Sessions.FindByCodeAsync("KXKXK"));
        await Refused(() => core.Sessions.FindByCodeAsync(ended.JoinCode));
        await Refused(() => core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Snog));
        await Refused(() => core.Voting.CastVoteAsync(person, Guid.NewGuid(), Choice.Snog));
        await Refused(() => core.Voting.GetRecapAsync(person));
        await Refused(() => camps.ChooseAsync(person, 0));
        await camps.SetAsync(live.Id, SnogMarryAvoid.Core.Accounts.Actor.System, CampSettings.Off with { Ask = true });
        await Refused(() => camps.ChooseAsync(person, 7));
        await Refused(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                await core.Voting.CastVoteAsync(person, scenarios[1].Id, i % 2 == 0 ? Choice.Snog : Choice.Avoid);
            }
        });
        await core.Scenarios.CloseAsync(live.Id, scenarios[1].Id, SnogMarryAvoid.Core.Accounts.Actor.System);
        await Refused(() => core.Voting.CastVoteAsync(people[1], scenarios[1].Id, Choice.Snog));

        var welsh = All.All.Single(l => l.Code == "cy");
        refusals.Select(r => r.TextKey).Should().OnlyHaveUniqueItems().And.NotContainNulls().And.HaveCount(11);
        foreach (var refusal in refusals)
        {
            All.Explain(refusal, All.Default).Should().Be(refusal.Message, $"\"{refusal.TextKey}\" in English is Core's own words");
            var inWelsh = All.Explain(refusal, welsh);
            inWelsh.Should().NotBe(refusal.Message).And.NotContain("{").And.NotContain("}");
            refusal.TextValues.Values.Should().OnlyContain(v => inWelsh.Contains(v, StringComparison.Ordinal), "the code or number is in the Welsh too");
        }
    }

    [Fact]
    public void EveryRefusalKey_InTheCode_HasItsText()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Repo.Root, "SnogMarryAvoid.Core"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(Repo.Root, "SnogMarryAvoid.Web"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var keys = sources.SelectMany(f => Says().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).Distinct().ToList();

        keys.Should().HaveCountGreaterThan(15);
        keys.Should().OnlyContain(k => English.ContainsKey($"error.{k}"), "each refusal's text is in the language files");
    }

    [Fact]
    public async Task TheHub_ExplainsARefusal_InTheConnectionsLanguage_WithTheSameCode()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync(1, owner: SnogMarryAvoid.Core.Accounts.Actor.System);
        await using var welsh = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.Server.BaseAddress, SnogMarryAvoid.Web.Hubs.SessionHub.Path), Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling, o =>
            {
                o.HttpMessageHandlerFactory = _ => _app.Server.CreateHandler();
                o.Headers["Accept-Language"] = "cy";
            })
            .Build();
        await welsh.StartAsync();
        await welsh.InvokeAsync<JoinReply>("Join", session.JoinCode, null);

        var vote = () => welsh.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Snog);

        (await vote.Should().ThrowAsync<Microsoft.AspNetCore.SignalR.HubException>()).Which.Message
            .Should().EndWith("VotingClosed: Dydy'r bleidlais ar y senario hwn ddim wedi agor eto.", "the code stays; the explanation is Welsh");
        var wrongCode = () => welsh.InvokeAsync<JoinReply>("Join", "KXKXK", null);
        (await wrongCode.Should().ThrowAsync<Microsoft.AspNetCore.SignalR.HubException>()).Which.Message
            .Should().EndWith("UnknownJoinCode: Does dim sesiwn â'r cod KXKXK. Gwiriwch y cod ar y sgrin a rhowch gynnig arall arni.");
    }

    [Fact]
    public async Task TheStartPage_SaysAWrongCode_InTheReadersLanguage()
    {
        using var browser = _app.Browserish();

        WebUtility.HtmlDecode(await GetAsync(browser, "/?code=KXKXK", "cy", expectSuccess: false)).Should().Contain("Does dim sesiwn â'r cod KXKXK.");
    }

    private static async Task<string> GetAsync(HttpClient client, string path, string acceptLanguage, bool expectSuccess = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        using var response = await client.SendAsync(request);
        if (expectSuccess)
        {
            response.EnsureSuccessStatusCode();
        }

        return await response.Content.ReadAsStringAsync();
    }

    private static IReadOnlyList<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\bt\(""([\w.]+)""")]
    private static partial Regex Used();

    [GeneratedRegex(@"\.Says\(""(\w+)""")]
    private static partial Regex Says();

    [GeneratedRegex(@"data-texts=""([^""]*)""")]
    private static partial Regex TextsAttribute();
}
