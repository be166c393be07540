using Masthead.Core.Media;

namespace Masthead.Newsroom.Media;

/// <summary>The newsroom's plain upload form: the file, and the alt text, caption and credit that belong to it.</summary>
public sealed class MediaUploadForm
{
    public IFormFile? File { get; set; }
    public string? Alt { get; set; }
    public string? Caption { get; set; }
    public string? Credit { get; set; }

    public async Task<MediaUpload> ReadAsync(CancellationToken cancellationToken)
    {
        if (File is null)
        {
            throw Core.ValidationException.For("file", "Choose a file to upload.");
        }

        var content = new byte[File.Length];
        await using (var stream = File.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        return new MediaUpload(File.FileName, content, new MediaDetails(Alt, Caption, Credit));
    }
}

/// <summary>What a media page says when a file is refused or a change cannot be made, and with which status.</summary>
public static class MediaPageErrors
{
    public sealed record Problem(int Status, string Message);

    public static Problem? Describe(Exception exception) => exception switch
    {
        MediaRejectedException rejected => new(rejected.Reason switch
        {
            MediaRejection.TooLarge => StatusCodes.Status413PayloadTooLarge,
            MediaRejection.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
            _ => StatusCodes.Status422UnprocessableEntity,
        }, rejected.Message),
        MediaStoreUnavailableException => new(StatusCodes.Status503ServiceUnavailable,
            "The media store cannot be reached just now, so nothing was stored. Try again in a minute; if it goes on, tell whoever runs the server."),
        Core.ValidationException problems => new(StatusCodes.Status422UnprocessableEntity, string.Join(" ", problems.Problems.Values)),
        Core.Publishing.ForbiddenException forbidden => new(StatusCodes.Status403Forbidden, forbidden.Message),
        _ => null,
    };
}
