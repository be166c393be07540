namespace Masthead.Core.Import.Ghost;

public sealed class GhostImporter
{
    public Task<ImportReport> ImportAsync(string path, WordPress.ImportOptions options, IProgress<WordPress.ImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
