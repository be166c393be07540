using System.Net.Mail;
using Masthead.Core.Audit;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Mail;

/// <summary>The mail server's settings as the newsroom shows them: the stored password is never among them.</summary>
public sealed record MailSettingsView(string Host, int Port, MailSecurity Security, string UserName, bool HasPassword, string FromAddress, string FromName);

/// <summary>What an administrator typed; an empty <paramref name="NewPassword"/> keeps the stored one unless <paramref name="ForgetPassword"/>.</summary>
public sealed record MailSettingsInput(
    string? Host,
    int? Port,
    MailSecurity Security,
    string? UserName,
    string? NewPassword,
    bool ForgetPassword,
    string? FromAddress,
    string? FromName);

/// <summary>The mail server settings administrators keep in the newsroom (configuration, when it names a host, wins).</summary>
public sealed class MailSettingsService(MastheadDb db, Outbox outbox, TimeProvider time)
{
    /// <summary>The stored settings, password included, for the sender; an empty host when none are stored.</summary>
    public async Task<MailSettings> LoadAsync(CancellationToken cancellationToken = default) =>
        await db.MailSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == MailSettings.SingletonId, cancellationToken) ?? new MailSettings();

    public async Task<MailSettingsView> ViewAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "change the mail server's settings");
        var s = await LoadAsync(cancellationToken);
        return new MailSettingsView(s.Host, s.Port, s.Security, s.UserName, s.Password.Length > 0, s.FromAddress, s.FromName);
    }

    /// <summary>
    /// Saves the settings, with an audit entry naming what changed (never the password itself), and makes every waiting
    /// message due at once, so what failed for want of the right settings goes out with the new ones.
    /// </summary>
    public async Task UpdateAsync(Actor actor, MailSettingsInput input, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "change the mail server's settings");
        var host = (input.Host ?? "").Trim();
        var userName = (input.UserName ?? "").Trim();
        var fromAddress = (input.FromAddress ?? "").Trim();
        var fromName = MailQueue.OneLine(input.FromName, int.MaxValue);
        Check(host, input.Port, userName, input.NewPassword ?? "", fromAddress, fromName);

        await db.InTransactionAsync(async () =>
        {
            await db.LockNewsroomAsync(cancellationToken);
            var settings = await db.MailSettings.SingleOrDefaultAsync(s => s.Id == MailSettings.SingletonId, cancellationToken);
            if (settings is null)
            {
                settings = new MailSettings();
                db.MailSettings.Add(settings);
            }

            settings.Host = host;
            settings.Port = input.Port ?? DefaultPort(input.Security);
            settings.Security = input.Security;
            settings.UserName = userName;
            if (!string.IsNullOrEmpty(input.NewPassword))
            {
                settings.Password = input.NewPassword;
            }
            else if (input.ForgetPassword)
            {
                settings.Password = "";
            }

            settings.FromAddress = fromAddress;
            settings.FromName = fromName;
            var entry = db.Entry(settings);
            var fresh = db.Entry(new MailSettings()); // what a first save changes is what differs from the defaults
            var changed = entry.Properties
                .Where(p => entry.State == EntityState.Added ? !Equals(p.CurrentValue, fresh.Property(p.Metadata.Name).CurrentValue) : p.IsModified)
                .Select(p => p.Metadata.Name).ToList();
            settings.LastModifiedAt = time.GetUtcNow().UtcDateTime;
            db.Record(settings.LastModifiedAt, actor, AuditActions.MailSettingsChanged, details: changed.Count == 0 ? "nothing changed" : string.Join(", ", changed));
            await db.SaveChangesAsync(cancellationToken);
            await outbox.RetryNowAsync(cancellationToken);
        }, cancellationToken);
    }

    public static int DefaultPort(MailSecurity security) => security switch
    {
        MailSecurity.Tls => 465,
        MailSecurity.StartTls => 587,
        _ => 25,
    };

    private static void Check(string host, int? port, string userName, string password, string fromAddress, string fromName)
    {
        var problems = new Dictionary<string, string>();
        if (host.Length > MailSettings.MaxHostLength || host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or ':' or '@'))
        {
            problems["Host"] = "Give the server's name, such as smtp.example.org, without a port or anything else.";
        }

        if (port is < 1 or > 65535)
        {
            problems["Port"] = "A port is a number from 1 to 65535, such as 587.";
        }

        if (userName.Length > MailSettings.MaxUserNameLength)
        {
            problems["UserName"] = $"Keep the user name to {MailSettings.MaxUserNameLength} characters.";
        }

        if (password.Length > MailSettings.MaxPasswordLength)
        {
            problems["NewPassword"] = $"Keep the password to {MailSettings.MaxPasswordLength} characters.";
        }

        if (fromAddress.Length > 0 && (fromAddress.Length > OutgoingMail.MaxAddressLength
            || !MailAddress.TryCreate(fromAddress, out var parsed) || parsed.Address != fromAddress))
        {
            problems["FromAddress"] = "Give the address messages come from, such as newsroom@example.org.";
        }
        else if (fromAddress.Length == 0 && host.Length > 0)
        {
            problems["FromAddress"] = "Give the address messages come from; the mail server must accept mail from it.";
        }

        if (fromName.Length > OutgoingMail.MaxNameLength)
        {
            problems["FromName"] = $"Keep the name to {OutgoingMail.MaxNameLength} characters.";
        }

        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
        }
    }
}
