using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace SnogMarryAvoid.Core.Accounts;

/// <summary>A facilitator or organiser account, as the organiser's user list shows it.</summary>
public sealed record AccountSummary(string Id, string Email, string Role, bool IsDisabled);

/// <summary>
/// Accounts of the people who run sessions: the first organiser, and facilitators the organisers
/// create, disable and delete. Participants never have accounts.
/// </summary>
public sealed class AccountService(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles)
{
    /// <summary>Whether anyone can sign in yet; the first-run setup page answers only while this is false.</summary>
    public Task<bool> AnyUserExistsAsync(CancellationToken ct = default) => users.Users.AnyAsync(ct);

    /// <summary>
    /// Creates the first organiser, only while no account exists (so neither the setup page nor the
    /// configuration can add a second one behind anybody's back). Returns false when one existed.
    /// </summary>
    public async Task<bool> CreateFirstOrganiserAsync(string? email, string? password)
    {
        if (await AnyUserExistsAsync())
        {
            return false;
        }

        await CreateAsync(email, password, Roles.Organiser);
        return true;
    }

    /// <summary>An organiser creates a facilitator account with a first password to hand over.</summary>
    public Task<AccountSummary> CreateFacilitatorAsync(Actor actor, string? email, string? password)
    {
        EnsureOrganiser(actor);
        return CreateAsync(email, password, Roles.Facilitator);
    }

    public async Task<IReadOnlyList<AccountSummary>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        EnsureOrganiser(actor);
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync(ct);
        var result = new List<AccountSummary>(all.Count);
        foreach (var user in all)
        {
            result.Add(await SummaryAsync(user));
        }

        return result;
    }

    /// <summary>Disables or re-enables a facilitator. A disabled account cannot sign in, and its open sign-ins end.</summary>
    public async Task<AccountSummary> SetDisabledAsync(Actor actor, string userId, bool disabled)
    {
        var user = await FacilitatorAsync(actor, userId);
        await users.SetLockoutEnabledAsync(user, true);
        Check(await users.SetLockoutEndDateAsync(user, disabled ? DateTimeOffset.MaxValue : null));
        await users.UpdateSecurityStampAsync(user);
        return await SummaryAsync(user);
    }

    /// <summary>
    /// Whether a sign-in is still good: the account exists, is not disabled, and its security stamp is
    /// the one the sign-in was issued with (a changed password, or a disable, changes it). The one rule
    /// for open consoles (revalidated every minute) and open hub connections alike.
    /// </summary>
    public async Task<bool> IsSignInValidAsync(string userId, string? securityStamp)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return false;
        }

        return !users.SupportsUserSecurityStamp || securityStamp == await users.GetSecurityStampAsync(user);
    }

    /// <summary>Deletes a facilitator account. Their sessions stay, for organisers to review.</summary>
    public async Task DeleteAsync(Actor actor, string userId)
    {
        var user = await FacilitatorAsync(actor, userId);
        Check(await users.DeleteAsync(user));
    }

    private async Task<AccountSummary> CreateAsync(string? email, string? password, string role)
    {
        var address = TextInput.Required(email, "Email", 256);
        if (!address.Contains('@', StringComparison.Ordinal) || address.Contains(' ', StringComparison.Ordinal))
        {
            throw new DomainException(DomainError.InvalidInput, "Enter an email address, like name@example.org.").Says("emailInvalid");
        }

        if (await users.FindByEmailAsync(address) is not null)
        {
            throw new DomainException(DomainError.InvalidInput, $"There is already an account for {address}.").Says("accountExists", ("address", address));
        }

        if (!await roles.RoleExistsAsync(role))
        {
            Check(await roles.CreateAsync(new IdentityRole(role)));
        }

        var user = new IdentityUser { UserName = address, Email = address, EmailConfirmed = true, LockoutEnabled = true };
        Check(await users.CreateAsync(user, password ?? ""));
        Check(await users.AddToRoleAsync(user, role));
        return await SummaryAsync(user);
    }

    private async Task<IdentityUser> FacilitatorAsync(Actor actor, string userId)
    {
        EnsureOrganiser(actor);
        var user = await users.FindByIdAsync(userId)
            ?? throw new DomainException(DomainError.NotFound, "That account does not exist.").Says("accountMissing");
        if (await users.IsInRoleAsync(user, Roles.Organiser))
        {
            throw new DomainException(DomainError.Forbidden, "Organiser accounts cannot be disabled or deleted here.").Says("organiserProtected");
        }

        return user;
    }

    private async Task<AccountSummary> SummaryAsync(IdentityUser user)
    {
        var isOrganiser = await users.IsInRoleAsync(user, Roles.Organiser);
        var disabled = user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow.AddYears(100);
        return new AccountSummary(user.Id, user.Email ?? user.UserName ?? user.Id, isOrganiser ? Roles.Organiser : Roles.Facilitator, disabled);
    }

    private static void EnsureOrganiser(Actor actor)
    {
        if (!actor.IsOrganiser)
        {
            throw new DomainException(DomainError.Forbidden, "Only organisers can manage accounts.").Says("organisersOnly");
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            // Identity words these itself, through the IdentityErrorDescriber the app gives it (in the reader's language).
            var errors = string.Join(" ", result.Errors.Select(e => e.Description));
            throw new DomainException(DomainError.InvalidInput, errors).Says("identity", ("errors", errors), ("codes", string.Join(",", result.Errors.Select(e => e.Code))));
        }
    }
}
