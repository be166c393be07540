using Masthead.Data.Postgres;
using Npgsql;

namespace Masthead.Tests;

/// <summary>Each node holds at most <see cref="PostgresStorage.DefaultMaxPoolSize"/> connections unless told otherwise, so several nodes fit in PostgreSQL's 100.</summary>
public sealed class PoolSizeTests
{
    [Fact]
    public void A_connection_string_without_a_pool_size_gets_the_default()
    {
        var configured = new NpgsqlConnectionStringBuilder(PostgresStorage.WithPoolSize("Host=db;Database=masthead;Username=masthead;Password=p;Timeout=30"));

        Assert.Equal(PostgresStorage.DefaultMaxPoolSize, configured.MaxPoolSize);
        Assert.Equal(("db", "masthead", "masthead", "p", 30), (configured.Host, configured.Database, configured.Username, configured.Password, configured.Timeout));
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=60")]
    [InlineData("Host=db;MaxPoolSize=60")]
    [InlineData("Host=db; maximum pool size = 60")]
    public void A_pool_size_the_operator_gave_is_kept(string connectionString)
    {
        Assert.Equal(connectionString, PostgresStorage.WithPoolSize(connectionString));
        Assert.Equal(60, new NpgsqlConnectionStringBuilder(PostgresStorage.WithPoolSize(connectionString)).MaxPoolSize);
    }
}
