using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Data.Sqlite;

/// <summary>Write-ahead logging lets readers keep reading while the newsroom writes; the setting is stored in the file.</summary>
internal sealed class SqliteTuning : IDatabaseTuning
{
    public Task ApplyAsync(MastheadDb db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
}
