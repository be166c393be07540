using System.Globalization;

namespace Masthead.Core.Newsletters;

/// <summary>
/// Whether an address can take a newsletter: a plain mailbox at a domain with a dot, and not at a service that hands out
/// throwaway inboxes (mail to those is read by nobody, and sign-ups from them are nearly always abuse).
/// </summary>
public static class SubscriberAddresses
{
    private static readonly HashSet<string> Disposable = new(StringComparer.OrdinalIgnoreCase)
    {
        "mailinator.com", "guerrillamail.com", "guerrillamail.net", "sharklasers.com", "10minutemail.com", "10minutemail.net", "yopmail.com",
        "yopmail.net", "trashmail.com", "trashmail.de", "tempmail.com", "temp-mail.org", "tempmailo.com", "throwawaymail.com", "getnada.com",
        "dispostable.com", "maildrop.cc", "mailnesia.com", "mintemail.com", "fakeinbox.com", "spamgourmet.com", "mohmal.com", "emailondeck.com",
        "burnermail.io", "discard.email", "mailcatch.com", "tempinbox.com", "mytemp.email", "moakt.com", "tmpmail.org", "tmail.ws",
    };

    /// <summary>The address, lower-cased, as the list compares it.</summary>
    public static string Normalize(string address) => address.Trim().ToLowerInvariant();

    /// <summary>What is wrong with <paramref name="address"/> in words a reader can act on; null when it will do.</summary>
    public static string? Problem(string? address)
    {
        var trimmed = (address ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return "Enter your email address.";
        }

        if (trimmed.Length > Subscriber.MaxEmailLength)
        {
            return $"An email address is at most {Subscriber.MaxEmailLength} characters.";
        }

        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1 || trimmed.IndexOf('@') != at)
        {
            return "Enter your whole email address, such as name@example.com.";
        }

        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..].TrimEnd('.');
        if (local.Length > 64 || local.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '(' or ')' or ',' or ':' or ';' or '<' or '>' or '[' or ']' or '\\')
            || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return "That email address has characters mail cannot go to. Check it and try again.";
        }

        var labels = domain.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length is 0 or > 63 || l.StartsWith('-') || l.EndsWith('-') || !l.All(IsDomainCharacter))
            || !labels[^1].All(char.IsLetter) || labels[^1].Length < 2)
        {
            return "The part after the @ is not a domain mail can go to. Check it and try again.";
        }

        if (IsDisposable(domain))
        {
            return "Addresses from throwaway mail services cannot subscribe. Please use an address you keep.";
        }

        return null;
    }

    private static bool IsDisposable(string domain)
    {
        var lower = domain.ToLower(CultureInfo.InvariantCulture);
        return Disposable.Contains(lower) || Disposable.Any(d => lower.EndsWith("." + d, StringComparison.Ordinal));
    }

    private static bool IsDomainCharacter(char c) => char.IsLetterOrDigit(c) || c == '-';
}
