using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using SnogMarryAvoid.Core.Accounts;

namespace SnogMarryAvoid.Web.Accounts;

/// <summary>Turns the signed-in user into the <see cref="Actor"/> Core's services check.</summary>
public static class ActorOf
{
    public static Actor User(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (user.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(id))
        {
            throw new UnauthorizedAccessException("Sign in first.");
        }

        return new Actor(id, user.IsInRole(Roles.Organiser));
    }

    public static async Task<Actor> StateAsync(Task<AuthenticationState>? state) =>
        User(state is null ? new ClaimsPrincipal() : (await state).User);
}
