using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Integration;

/// <summary>
/// The data-protection keys (which protect sign-in and participant cookies) are encrypted at rest with
/// the certificate named in settings; and the server engines retry transient failures.
/// </summary>
public sealed class KeyProtectionTests
{
    private const string Password = "the-pfx-password";

    private static string Certificate(string folder, string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }

    private static List<string> StoredKeys(string dataFolder)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, PersistenceSetup.DefaultSqliteFile)}");
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT Xml FROM DataProtectionKeys";
        using var reader = query.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    [Fact]
    public async Task WithACertificate_NoKeyIsStoredInPlain_AndASignInSurvivesARestart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sma-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string> { ["DataProtection:CertificatePath"] = Certificate(folder, "keys"), ["DataProtection:CertificatePassword"] = Password };
        string cookie;
        await using (var first = new AppFactory(dataFolder: folder, settings: settings))
        {
            var client = first.Browserish();
            var signIn = await AppFactory.PostFormAsync(client, "/account/login", "login", new() { ["Input.Email"] = AppFactory.OrganiserEmail, ["Input.Password"] = AppFactory.OrganiserPassword });
            signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
            (await client.GetAsync("/facilitate")).StatusCode.Should().Be(HttpStatusCode.OK);
            cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        }

        var keys = StoredKeys(folder);
        keys.Should().NotBeEmpty();
        keys.Should().AllSatisfy(xml =>
        {
            xml.Should().Contain("<encryptedSecret", "the key is encrypted with the certificate");
            xml.Should().NotContain("<masterKey", "no master key is stored in plain");
        });

        await using var second = new AppFactory(dataFolder: folder, settings: settings);
        using var again = second.CreateClient(new() { AllowAutoRedirect = false });
        again.DefaultRequestHeaders.Add("Cookie", cookie);
        (await again.GetAsync("/facilitate")).StatusCode.Should().Be(HttpStatusCode.OK, "the restarted server decrypts the stored key and still knows the sign-in");
    }

    [Fact]
    public async Task WithoutACertificate_TheKeyIsStoredInPlain_AsTheDocsWarn()
    {
        await using var app = new AppFactory();
        await app.SignedInClientAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);

        StoredKeys(app.DataFolder).Should().Contain(xml => xml.Contains("<masterKey", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("missing", "DataProtection:CertificatePath cannot be used (no such file)")]
    [InlineData("wrong password", "DataProtection:CertificatePath cannot be used (")]
    public void ACertificateThatCannotBeUsed_IsRefused_NamingTheKey(string what, string expected)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sma-tests", Guid.NewGuid().ToString("N"));
        var options = new KeyProtectionOptions
        {
            CertificatePath = what == "missing" ? Path.Combine(folder, "none.pfx") : Certificate(folder, "keys"),
            CertificatePassword = "not-the-password",
        };

        options.Problems().Should().ContainSingle().Which.Should().StartWith(expected).And.NotContain("not-the-password");
    }

    [Theory]
    [InlineData("Postgres", "Host=db.invalid;Database=x", "NpgsqlRetryingExecutionStrategy")]
    [InlineData("SqlServer", "Server=db.invalid;Database=x", "SqlServerRetryingExecutionStrategy")]
    public async Task TheServerEngines_RetryTransientFailures(string provider, string connection, string strategy)
    {
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = provider, ["ConnectionStrings:Default"] = connection }).Build());
        services.AddLogging();
        services.AddSnogPersistence(Path.GetTempPath());
        await using var provided = services.BuildServiceProvider();

        await using var db = await provided.GetRequiredService<IDbContextFactory<SnogDbContext>>().CreateDbContextAsync();

        db.Database.CreateExecutionStrategy().GetType().Name.Should().Be(strategy);
        db.Database.CreateExecutionStrategy().RetriesOnFailure.Should().BeTrue();
    }
}
