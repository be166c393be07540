using System.Globalization;
using System.Net.Mail;
using Masthead.Core.Text;

namespace Masthead.Core.Publication;

internal static class PublicationSettingsRules
{
    public static void Check(PublicationSettings settings)
    {
        var problems = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(settings.Name))
        {
            problems[nameof(settings.Name)] = "The publication needs a name.";
        }

        Within(problems, nameof(settings.Name), settings.Name, PublicationSettings.MaxNameLength);
        Within(problems, nameof(settings.Tagline), settings.Tagline, PublicationSettings.MaxTaglineLength);
        Within(problems, nameof(settings.ContactPrompt), settings.ContactPrompt, PublicationSettings.MaxContactPromptLength);
        Within(problems, nameof(settings.ContactEmail), settings.ContactEmail, PublicationSettings.MaxContactEmailLength);
        Within(problems, nameof(settings.Description), settings.Description, PublicationSettings.MaxDescriptionLength);
        Within(problems, nameof(settings.BaseUrl), settings.BaseUrl, PublicationSettings.MaxBaseUrlLength);
        Within(problems, nameof(settings.Language), settings.Language, PublicationSettings.MaxLanguageLength);
        Within(problems, nameof(settings.TimeZone), settings.TimeZone, PublicationSettings.MaxTimeZoneLength);
        if (!string.IsNullOrEmpty(settings.LogoUrl) && !ImageAddress.IsValid(settings.LogoUrl))
        {
            problems[nameof(settings.LogoUrl)] = $"Give the logo as an http or https address, or a path on this site such as /media/logo.svg, in at most " +
                $"{ImageAddress.MaxLength:N0} characters.";
        }

        if (!problems.ContainsKey(nameof(settings.TimeZone)) && !PublicationClock.IsKnownTimeZone(settings.TimeZone))
        {
            problems[nameof(settings.TimeZone)] = $"'{settings.TimeZone}' is not a time zone this server knows; use an IANA name such as Europe/Paris.";
        }

        if (!problems.ContainsKey(nameof(settings.Language)) && !IsKnownCulture(settings.Language))
        {
            problems[nameof(settings.Language)] = $"'{settings.Language}' is not a language tag this server knows; use one such as en-US.";
        }

        if (!problems.ContainsKey(nameof(settings.ContactEmail)) && !string.IsNullOrEmpty(settings.ContactEmail) && !MailAddress.TryCreate(settings.ContactEmail, out _))
        {
            problems[nameof(settings.ContactEmail)] = "The contact address is not an email address.";
        }

        if (!problems.ContainsKey(nameof(settings.BaseUrl)) && !string.IsNullOrEmpty(settings.BaseUrl)
            && !(Uri.TryCreate(settings.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            problems[nameof(settings.BaseUrl)] = "The base URL must be an absolute http or https address, or empty.";
        }

        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
        }
    }

    /// <summary>Reports a value over its column's length, unless the field already has a problem to fix first.</summary>
    private static void Within(Dictionary<string, string> problems, string field, string? value, int maxLength)
    {
        if (value?.Length > maxLength && !problems.ContainsKey(field))
        {
            problems[field] = $"Keep this to {maxLength:N0} characters; it has {value.Length:N0}.";
        }
    }

    private static bool IsKnownCulture(string language)
    {
        try
        {
            return !string.IsNullOrWhiteSpace(language) && !CultureInfo.GetCultureInfo(language, predefinedOnly: true).Equals(CultureInfo.InvariantCulture);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
