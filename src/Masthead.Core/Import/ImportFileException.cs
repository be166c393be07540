namespace Masthead.Core.Import;

/// <summary>The file to import cannot be read (malformed XML or JSON, too large, not an export): nothing was written.</summary>
public sealed class ImportFileException(string message, Exception? inner = null) : Exception(message, inner);
