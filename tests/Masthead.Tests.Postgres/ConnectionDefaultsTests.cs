using Masthead.Data.Postgres;
using Masthead.Testing;
using Npgsql;

namespace Masthead.Tests;

/// <summary>A node's connection string gets a pool several nodes fit in, and prepared statements, unless it says otherwise.</summary>
public sealed class ConnectionDefaultsTests
{
    [Fact]
    public void A_connection_string_that_says_nothing_gets_the_defaults_and_keeps_the_rest()
    {
        var applied = new NpgsqlConnectionStringBuilder(ConnectionDefaults.Apply("Host=db;Database=masthead;Username=masthead;Password=p;Timeout=30"));

        Assert.Equal((ConnectionDefaults.MaxPoolSize, ConnectionDefaults.MaxAutoPrepare), (applied.MaxPoolSize, applied.MaxAutoPrepare));
        Assert.Equal(("db", "masthead", "masthead", "p", 30), (applied.Host, applied.Database, applied.Username, applied.Password, applied.Timeout));
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=60;Max Auto Prepare=0")]
    [InlineData("Host=db;MaxPoolSize=60;MaxAutoPrepare=0")]
    [InlineData("Host=db; maximum pool size = 60; max auto prepare = 0")]
    public void What_the_operator_gave_is_kept(string connectionString)
    {
        var applied = new NpgsqlConnectionStringBuilder(ConnectionDefaults.Apply(connectionString));

        Assert.Equal((60, 0), (applied.MaxPoolSize, applied.MaxAutoPrepare));
    }

    [Fact]
    public async Task A_statement_run_a_few_times_is_prepared_on_the_connection()
    {
        var server = Environment.GetEnvironmentVariable("MASTHEAD_TEST_POSTGRES");
        TestEnvironment.Require(!string.IsNullOrWhiteSpace(server), "MASTHEAD_TEST_POSTGRES (a PostgreSQL server) is not set");
        await using var source = NpgsqlDataSource.Create(ConnectionDefaults.Apply(server!));
        await using var connection = await source.OpenConnectionAsync();
        for (var i = 0; i < 6; i++)
        {
            await using var read = new NpgsqlCommand("SELECT count(*) FROM pg_class WHERE relkind = $1", connection) { Parameters = { new() { Value = 'r' } } };
            await read.ExecuteScalarAsync();
        }

        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM pg_class WHERE relkind%'", connection);
        Assert.Equal(1L, await prepared.ExecuteScalarAsync());
    }
}
