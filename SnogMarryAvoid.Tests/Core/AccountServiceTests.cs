using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

public class AccountServiceTests : CoreTest
{
    private async Task<T> WithAccounts<T>(Func<AccountService, Task<T>> work)
    {
        await using var scope = Core.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AccountService>());
    }

    [Fact]
    public async Task FirstOrganiser_IsCreatedOnlyOnce()
    {
        (await WithAccounts(a => a.AnyUserExistsAsync())).Should().BeFalse();

        (await WithAccounts(a => a.CreateFirstOrganiserAsync("first@example.org", "first-organiser-pw"))).Should().BeTrue();
        (await WithAccounts(a => a.CreateFirstOrganiserAsync("second@example.org", "second-organiser-pw"))).Should().BeFalse();

        var accounts = await WithAccounts(a => a.ListAsync(Actor.System));
        accounts.Should().ContainSingle().Which.Should().Be(accounts[0] with { Email = "first@example.org", Role = Roles.Organiser, IsDisabled = false });
    }

    [Theory]
    [InlineData("not-an-email", "long-enough-pw", "Enter an email address, like name@example.org.")]
    [InlineData("a@example.org", "short", "Passwords must be at least 10 characters.")]
    [InlineData("", "long-enough-pw", "Email is required.")]
    public async Task CreateFacilitator_WithBadDetails_SaysWhy(string email, string password, string message)
    {
        var act = () => WithAccounts(a => a.CreateFacilitatorAsync(TestCore.Organiser, email, password));

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be(message);
        (await WithAccounts(a => a.ListAsync(TestCore.Organiser))).Should().BeEmpty();
    }

    [Fact]
    public async Task CreateFacilitator_Twice_IsRefused()
    {
        await WithAccounts(a => a.CreateFacilitatorAsync(TestCore.Organiser, "f@example.org", "long-enough-pw"));

        var act = () => WithAccounts(a => a.CreateFacilitatorAsync(TestCore.Organiser, "f@example.org", "another-long-pw"));

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("There is already an account for f@example.org.");
    }

    [Fact]
    public async Task OnlyOrganisers_ManageAccounts()
    {
        var act = () => WithAccounts(a => a.CreateFacilitatorAsync(TestCore.Owner, "f@example.org", "long-enough-pw"));
        var list = () => WithAccounts(a => a.ListAsync(TestCore.Owner));

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.Forbidden);
        (await list.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Only organisers can manage accounts.");
    }

    [Fact]
    public async Task Facilitators_CanBeDisabledEnabledAndDeleted_OrganisersCannot()
    {
        await WithAccounts(a => a.CreateFirstOrganiserAsync("boss@example.org", "organiser-pw-1"));
        var facilitator = await WithAccounts(a => a.CreateFacilitatorAsync(TestCore.Organiser, "f@example.org", "long-enough-pw"));
        var organiser = (await WithAccounts(a => a.ListAsync(TestCore.Organiser))).Single(a => a.Role == Roles.Organiser);

        (await WithAccounts(a => a.SetDisabledAsync(TestCore.Organiser, facilitator.Id, true))).IsDisabled.Should().BeTrue();
        (await WithAccounts(a => a.SetDisabledAsync(TestCore.Organiser, facilitator.Id, false))).IsDisabled.Should().BeFalse();
        var disableOrganiser = () => WithAccounts(a => a.SetDisabledAsync(TestCore.Organiser, organiser.Id, true));
        (await disableOrganiser.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Organiser accounts cannot be disabled or deleted here.");

        await WithAccounts(async a => { await a.DeleteAsync(TestCore.Organiser, facilitator.Id); return true; });
        (await WithAccounts(a => a.ListAsync(TestCore.Organiser))).Select(a => a.Email).Should().Equal("boss@example.org");
    }
}
