using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SnogMarryAvoid.Core.Accounts;

/// <summary>
/// Creates the first organiser from <c>Bootstrap:OrganiserEmail</c> and <c>Bootstrap:OrganiserPassword</c>
/// when both are set and no account exists yet. Runs after the migrator (hosted services start in order).
/// </summary>
public sealed class OrganiserBootstrap(IServiceScopeFactory scopes, IOptions<BootstrapOptions> options, ILogger<OrganiserBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (email, password) = (options.Value.OrganiserEmail, options.Value.OrganiserPassword);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        if (await accounts.CreateFirstOrganiserAsync(email, password))
        {
            logger.LogInformation("Created the first organiser account, {Email}, from configuration", email);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
