using Masthead.Core.Storage;
using Masthead.Data.Postgres;
using Masthead.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Masthead.Tests.Storage;

/// <summary>
/// The server starts on a compiled model (src/Masthead.Data.*/CompiledModel, made by `dotnet ef dbcontext optimize`)
/// instead of building it from the entity classes at every start. A change to the entities that is not compiled
/// again would leave the server on a stale model, so each must equal the model the classes build today.
/// </summary>
public sealed class CompiledModelTests
{
    [Fact]
    public void The_compiled_SQLite_model_is_the_model_the_entity_classes_build()
    {
        static DbContextOptionsBuilder Sqlite(DbContextOptionsBuilder options) => SqliteStorage.Configure(options, "Data Source=:memory:");

        Assert.Equal(Build(Sqlite), Build(options => Sqlite(options).UseModel(Data.Sqlite.CompiledModel.MastheadDbModel.Instance)));
    }

    [Fact]
    public void The_compiled_PostgreSQL_model_is_the_model_the_entity_classes_build()
    {
        static DbContextOptionsBuilder Postgres(DbContextOptionsBuilder options) => PostgresStorage.Configure(options, "Host=127.0.0.1;Database=unused");

        Assert.Equal(Build(Postgres), Build(options => Postgres(options).UseModel(Data.Postgres.CompiledModel.MastheadDbModel.Instance)));
    }

    /// <summary>The model a context configured so uses: built from the classes, or the compiled one when it says UseModel.</summary>
    private static string Build(Func<DbContextOptionsBuilder, DbContextOptionsBuilder> configure)
    {
        var options = new DbContextOptionsBuilder<MastheadDb>();
        configure(options);
        using var db = new MastheadDb(options.WithIdentitySchema().Options);
        return Describe(db.Model);
    }

    /// <summary>What the server reads and writes by: tables, columns and their types and conversions, keys, relations, indexes.</summary>
    private static string Describe(IModel model) => string.Join('\n', model.GetEntityTypes().OrderBy(t => t.Name, StringComparer.Ordinal).SelectMany(Describe));

    private static IEnumerable<string> Describe(IEntityType type) =>
    [
        $"{type.Name} in {type.GetTableName()} {type.GetViewName()} owned={type.IsOwned()}",
        .. type.GetProperties().Select(p => $"  {p.Name}: {p.ClrType.Name} as {p.GetColumnName()} {p.GetRelationalTypeMapping().StoreType} "
            + $"null={p.IsNullable} converter={p.GetTypeMapping().Converter?.GetType().Name} generated={p.ValueGenerated} concurrency={p.IsConcurrencyToken}"),
        .. type.GetKeys().Select(k => $"  key {Names(k.Properties)} primary={k.IsPrimaryKey()}"),
        .. type.GetForeignKeys().Select(f => $"  foreign key {Names(f.Properties)} to {f.PrincipalEntityType.Name} {f.DeleteBehavior} required={f.IsRequired}"),
        .. type.GetNavigations().Select(n => $"  navigation {n.Name} to {n.TargetEntityType.Name}"),
        .. type.GetSkipNavigations().Select(n => $"  skip navigation {n.Name} to {n.TargetEntityType.Name}"),
        .. type.GetIndexes().Select(i => $"  index {Names(i.Properties)} unique={i.IsUnique} filter={i.GetFilter()}"),
    ];

    private static string Names(IEnumerable<IReadOnlyProperty> properties) => string.Join(',', properties.Select(p => p.Name));
}
