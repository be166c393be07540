namespace Masthead.Core.Storage;

/// <summary>Provider-specific settings applied once the schema is up to date (for SQLite, write-ahead logging).</summary>
public interface IDatabaseTuning
{
    Task ApplyAsync(MastheadDb db, CancellationToken cancellationToken);
}
