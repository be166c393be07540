using Masthead.Core.Publishing;
using Masthead.Core.Storage;

namespace Masthead.Core.Audit;

public static class AuditActions
{
    public const string Published = "published";
    public const string Unpublished = "unpublished";
    public const string Scheduled = "scheduled";
    public const string Unscheduled = "unscheduled";
    public const string Submitted = "submitted";
    public const string SentBack = "sent-back";
    public const string Corrected = "note-added";
    public const string Restored = "restored";
    public const string Created = "created";
    public const string Saved = "saved";
    public const string Deleted = "deleted";
    public const string Imported = "imported";
    public const string LiveStarted = "live-started";
    public const string LivePosted = "live-posted";
    public const string LiveEdited = "live-edited";
    public const string LiveDeleted = "live-deleted";
    public const string LivePinned = "live-pinned";
    public const string LiveEnded = "live-ended";
    public const string LiveResumed = "live-resumed";
    public const string Invited = "invited";
    public const string PasswordLinkIssued = "password-link";
    public const string PasswordResetRequested = "password-reset-requested";
    public const string EmailChangeRequested = "email-change-requested";
    public const string EmailChanged = "email-changed";
    public const string RoleChanged = "role-changed";
    public const string Deactivated = "deactivated";
    public const string Reactivated = "reactivated";
    public const string ProfileChanged = "profile-changed";
    public const string Renamed = "renamed";
    public const string FirstAdministrator = "first-administrator";
    public const string SettingsChanged = "settings-changed";
    public const string MailSettingsChanged = "mail-settings-changed";
    public const string ContentApiKeyCreated = "api-key-created";
    public const string ContentApiKeyRevoked = "api-key-revoked";
    public const string MediaReplaced = "media-replaced";
    public const string MediaDeleted = "media-deleted";
    public const string FrontPageChanged = "front-page-changed";
    public const string MenuChanged = "menu-changed";
    public const string BannerRaised = "banner-raised";
    public const string BannerLowered = "banner-lowered";
    public const string SignedIn = "signed-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SessionEnded = "session-ended";
    public const string PasswordCheckFailed = "password-check-failed";
    public const string SecondFactorAdded = "second-factor-added";
    public const string SecondFactorRemoved = "second-factor-removed";
    public const string SecondFactorFailed = "second-factor-failed";
    public const string RecoveryCodeUsed = "recovery-code-used";
    public const string RecoveryCodesRegenerated = "recovery-codes-regenerated";
    public const string NewsletterSent = "newsletter-sent";
    public const string AlertSent = "alert-sent";
    public const string NewsletterChanged = "newsletter-changed";
    public const string SubscriberRemoved = "subscriber-removed";
    public const string SubscribersImported = "subscribers-imported";
    public const string SubscribersExported = "subscribers-exported";

    /// <summary>Adds an entry to the unit of work; it is saved with the change it records. Long details are shortened to fit.</summary>
    public static void Record(this MastheadDb db, DateTime at, Actor actor, string action, int? articleId = null, string details = "") =>
        db.AuditLog.Add(new AuditEntry
        {
            At = at,
            ActorId = actor.StaffId,
            ActorName = actor.Name,
            Action = action,
            ArticleId = articleId,
            Details = details.Length <= AuditEntry.MaxDetailsLength ? details : Text.Excerpts.Shorten(details, AuditEntry.MaxDetailsLength),
        });
}
