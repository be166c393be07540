namespace Masthead.Core.Storage;

/// <summary>What a provider does to each scope's context before anything uses it (SQLite lends it a pooled open connection).</summary>
public interface IScopedDbSetup
{
    void Prepare(MastheadDb db);
}
