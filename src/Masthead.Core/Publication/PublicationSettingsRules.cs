using System.Globalization;
using System.Net.Mail;

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

        if (!PublicationClock.IsKnownTimeZone(settings.TimeZone))
        {
            problems[nameof(settings.TimeZone)] = $"'{settings.TimeZone}' is not a time zone this server knows; use an IANA name such as Europe/Paris.";
        }

        if (!IsKnownCulture(settings.Language))
        {
            problems[nameof(settings.Language)] = $"'{settings.Language}' is not a language tag this server knows; use one such as en-US.";
        }

        if (!string.IsNullOrEmpty(settings.ContactEmail) && !MailAddress.TryCreate(settings.ContactEmail, out _))
        {
            problems[nameof(settings.ContactEmail)] = "The contact address is not an email address.";
        }

        if (!string.IsNullOrEmpty(settings.BaseUrl)
            && !(Uri.TryCreate(settings.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            problems[nameof(settings.BaseUrl)] = "The base URL must be an absolute http or https address, or empty.";
        }

        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
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
