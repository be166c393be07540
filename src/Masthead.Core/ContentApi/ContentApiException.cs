namespace Masthead.Core.ContentApi;

/// <summary>The kinds of refusal the Content API answers with, named and numbered as Ghost's errors are.</summary>
public enum ContentApiError
{
    /// <summary>400: a parameter Masthead does not understand or support (a filter, field, order or include).</summary>
    BadRequest,

    /// <summary>422: a parameter of the wrong form, such as limit=ten.</summary>
    Validation,

    /// <summary>404: no published post, page, author or tag with that id or slug.</summary>
    NotFound,
}

/// <summary>A request the Content API refuses; <see cref="Exception.Message"/> says why, for the error's context.</summary>
public sealed class ContentApiException(ContentApiError kind, string message) : Exception(message)
{
    public ContentApiError Kind { get; } = kind;

    public static ContentApiException BadRequest(string message) => new(ContentApiError.BadRequest, message);

    public static ContentApiException Validation(string message) => new(ContentApiError.Validation, message);

    public static ContentApiException NotFound(string message) => new(ContentApiError.NotFound, message);
}
