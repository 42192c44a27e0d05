using Microsoft.AspNetCore.Identity;

namespace SnogMarryAvoid.Web.Accounts;

/// <summary>
/// ASP.NET Core Identity's refusals (a short password, an e-mail already taken, a wrong current password) in
/// the reader's language, from the language files (<c>identity.*</c>). Identity asks for a text when it
/// refuses, during the reader's request or circuit, so it is in that reader's language. The English texts
/// are Identity's own words; an error the app never meets keeps Identity's English.
/// </summary>
public sealed class LanguageIdentityErrors(Languages.Languages languages) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        Said(base.PasswordTooShort(length), ("length", length));

    public override IdentityError PasswordMismatch() => Said(base.PasswordMismatch());

    public override IdentityError DuplicateUserName(string userName) => Said(base.DuplicateUserName(userName), ("name", userName));

    public override IdentityError DuplicateEmail(string email) => Said(base.DuplicateEmail(email), ("email", email));

    public override IdentityError InvalidEmail(string? email) => Said(base.InvalidEmail(email), ("email", email ?? ""));

    public override IdentityError InvalidUserName(string? userName) => Said(base.InvalidUserName(userName), ("name", userName ?? ""));

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Said(base.PasswordRequiresUniqueChars(uniqueChars), ("count", uniqueChars));

    public override IdentityError ConcurrencyFailure() => Said(base.ConcurrencyFailure());

    public override IdentityError DefaultError() => Said(base.DefaultError());

    /// <summary>Identity's error with its description from the files (<c>identity.{Code}</c>).</summary>
    private IdentityError Said(IdentityError error, params (string Name, object Value)[] values) =>
        new() { Code = error.Code, Description = languages.T($"identity.{error.Code}", values) };
}
