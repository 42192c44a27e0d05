using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Integration;

public class AccountTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        AppFactory.PostFormAsync(client, "/account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    [Fact]
    public async Task Bootstrap_CreatesTheFirstOrganiser_WhoCanSignIn()
    {
        var client = _app.Browserish();

        var response = await SignInAsync(client, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().EndWith("/facilitate");
        (await client.GetAsync("/admin/users")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_SaysSoAndSignsNobodyIn()
    {
        var client = _app.Browserish();

        var response = await SignInAsync(client, AppFactory.OrganiserEmail, "not-the-password");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("That email and password don&#x27;t match an account.");
        (await client.GetAsync("/facilitate")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task SignIn_AfterFiveWrongPasswords_IsLockedEvenWithTheRightOne()
    {
        var client = _app.Browserish();
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(client, AppFactory.OrganiserEmail, $"wrong-{i}");
        }

        var response = await SignInAsync(client, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);

        (await response.Content.ReadAsStringAsync()).Should().Contain("This account is locked");
    }

    [Fact]
    public async Task DisabledFacilitator_CannotSignIn_UntilEnabledAgain()
    {
        var facilitator = await _app.CreateFacilitatorAsync("fa@example.org");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountService>().SetDisabledAsync(await _app.OrganiserAsync(), facilitator.UserId, true);
        }

        var refused = await SignInAsync(_app.Browserish(), "fa@example.org", AppFactory.FacilitatorPassword);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("an organiser has disabled it");

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountService>().SetDisabledAsync(await _app.OrganiserAsync(), facilitator.UserId, false);
        }

        (await SignInAsync(_app.Browserish(), "fa@example.org", AppFactory.FacilitatorPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task SignOut_NeedsTheFormsToken_ThenEndsTheSignIn()
    {
        var client = await _app.SignedInClientAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);

        (await client.PostAsync("/account/logout", new FormUrlEncodedContent([]))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/facilitate")).StatusCode.Should().Be(HttpStatusCode.OK);

        var page = await client.GetStringAsync("/facilitate");
        var signedOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AppFactory.AntiforgeryToken(page),
        }));

        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetAsync("/facilitate")).Headers.Location!.ToString().Should().Contain("/account/login");
    }

    [Fact]
    public async Task ChangePassword_ReplacesTheOldOne()
    {
        await _app.CreateFacilitatorAsync("fb@example.org");
        var client = await _app.SignedInClientAsync("fb@example.org", AppFactory.FacilitatorPassword);

        var response = await AppFactory.PostFormAsync(client, "/account/password", "password", new()
        {
            ["Input.Current"] = AppFactory.FacilitatorPassword,
            ["Input.New"] = "a-brand-new-password",
            ["Input.Confirm"] = "a-brand-new-password",
        });

        (await response.Content.ReadAsStringAsync()).Should().Contain("Your password has been changed.");
        (await SignInAsync(_app.Browserish(), "fb@example.org", AppFactory.FacilitatorPassword)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SignInAsync(_app.Browserish(), "fb@example.org", "a-brand-new-password")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }
}

public class FirstRunTests : IAsyncLifetime
{
    private readonly AppFactory _app = new(bootstrapOrganiser: false);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task WithNoAccount_SignInLeadsToSetup_WhichCreatesTheOrganiserOnce()
    {
        var client = _app.Browserish();

        (await client.GetAsync("/account/login")).Headers.Location!.ToString().Should().EndWith("/setup");
        (await client.GetAsync("/setup")).StatusCode.Should().Be(HttpStatusCode.OK);

        var created = await AppFactory.PostFormAsync(client, "/setup", "setup", new()
        {
            ["Input.Email"] = "first@example.org",
            ["Input.Password"] = "first-organiser-pw",
            ["Input.Confirm"] = "first-organiser-pw",
        });

        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        created.Headers.Location!.ToString().Should().EndWith("/facilitate");
        (await client.GetAsync("/admin/users")).StatusCode.Should().Be(HttpStatusCode.OK, "the new organiser is signed in");

        var again = await _app.Browserish().GetAsync("/setup");
        again.StatusCode.Should().Be(HttpStatusCode.NotFound, "set-up answers only while no account exists");
    }

    [Fact]
    public async Task Setup_WithAShortPasswordOrAMismatch_ExplainsAndCreatesNothing()
    {
        var client = _app.Browserish();

        var response = await AppFactory.PostFormAsync(client, "/setup", "setup", new()
        {
            ["Input.Email"] = "first@example.org",
            ["Input.Password"] = "short",
            ["Input.Confirm"] = "different",
        });

        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Use at least 10 characters.").And.Contain("The two passwords differ.");
        (await client.GetAsync("/setup")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
