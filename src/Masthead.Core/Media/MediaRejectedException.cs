namespace Masthead.Core.Media;

/// <summary>Why an upload was refused; each is answered with its own status.</summary>
public enum MediaRejection
{
    /// <summary>Over the size limit (413).</summary>
    TooLarge,

    /// <summary>Not a kind of file the library takes, whatever its name says (415).</summary>
    UnsupportedType,

    /// <summary>A file of a kind it takes, but damaged, too many pixels, or unsafe (422).</summary>
    Invalid,
}

/// <summary>An upload that cannot be taken, with a message saying why and what to do; nothing was stored.</summary>
public sealed class MediaRejectedException(MediaRejection reason, string message) : Exception(message)
{
    public MediaRejection Reason { get; } = reason;
}

/// <summary>The media store (the uploads directory or the bucket) cannot be reached; answered with 503.</summary>
public sealed class MediaStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
