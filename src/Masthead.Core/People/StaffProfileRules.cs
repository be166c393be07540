using System.Net.Mail;

namespace Masthead.Core.People;

/// <summary>What a staff profile may hold; each problem is keyed by the field of <see cref="ProfileInput"/> it concerns.</summary>
internal static class StaffProfileRules
{
    public const int NameLength = 200;
    public const int JobTitleLength = 200;
    public const int BioLength = 2000;
    public const int PhotoUrlLength = 2000;
    public const int PublicEmailLength = 320;

    public static void Check(ProfileInput input)
    {
        var problems = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            problems[nameof(input.Name)] = "Enter the person's name.";
        }
        else if (input.Name.Trim().Length > NameLength)
        {
            problems[nameof(input.Name)] = $"Keep the name to {NameLength} characters.";
        }
        else if (StaffNames.HasHiddenCharacters(input.Name))
        {
            problems[nameof(input.Name)] = "Type the name without invisible or control characters (zero-width spaces, direction marks, tabs).";
        }
        else if (StaffNames.KeyOf(input.Name).Length == 0)
        {
            problems[nameof(input.Name)] = "A name needs at least one letter.";
        }

        if (input.JobTitle.Trim().Length > JobTitleLength)
        {
            problems[nameof(input.JobTitle)] = $"Keep the job title to {JobTitleLength} characters.";
        }

        if (input.Bio.Trim().Length > BioLength)
        {
            problems[nameof(input.Bio)] = $"Keep the bio to {BioLength} characters; it has {input.Bio.Trim().Length}.";
        }

        if (Blank(input.PhotoUrl) is { } photo && (photo.Length > PhotoUrlLength || !IsPhotoUrl(photo)))
        {
            problems[nameof(input.PhotoUrl)] = "Give the photo as an http or https address, or a path on this site such as /media/photo.jpg.";
        }

        if (Blank(input.PublicEmail) is { } email && (email.Length > PublicEmailLength || !IsPlainAddress(email)))
        {
            problems[nameof(input.PublicEmail)] = "Enter an email address such as name@example.org, or leave it empty.";
        }

        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
        }
    }

    /// <summary>The value trimmed, or null when there is nothing but spaces.</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsPhotoUrl(string url) =>
        (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal))
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");

    // MailAddress also accepts "Name <address>"; a public address is shown and linked as it is, so only the bare form will do.
    private static bool IsPlainAddress(string email) =>
        MailAddress.TryCreate(email, out var address) && address.Address == email && address.DisplayName.Length == 0;
}
