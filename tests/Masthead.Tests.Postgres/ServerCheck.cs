using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests;

/// <summary>Says, once, whether this suite has a PostgreSQL server to run on.</summary>
public sealed class ServerCheck
{
    [Fact]
    public async Task The_suite_has_a_PostgreSQL_server_to_run_on()
    {
        await using var server = await MastheadServer.StartAsync(demo: false);

        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", await server.InScopeAsync(services =>
            Task.FromResult(services.GetRequiredService<Core.Storage.MastheadDb>().Database.ProviderName)));
    }
}
