using Masthead.Core.People;
using Masthead.Core.Publishing;

namespace Masthead.Core.Mail;

/// <summary>
/// Messages about a person's own account: the invitation, set-password and reset links, and a change of sign-in
/// address. Each link goes only to the address it is for, and each message says how long its link works.
/// </summary>
public sealed class AccountMail(MailQueue mail)
{
    public async Task InvitationAsync(MailRecipient to, NewsroomRole role, Actor inviter, string linkPath, CancellationToken cancellationToken)
    {
        var context = await mail.ContextAsync(cancellationToken);
        var who = inviter.StaffId is null ? "You are invited" : $"{inviter.Name} has invited you";
        var article = role is NewsroomRole.Editor or NewsroomRole.Administrator ? "an" : "a";
        mail.Add(MailKind.Invitation, to, new MailBody(to.Name)
            .Paragraph($"{who} to {context.Newsroom}, as {article} {role.ToString().ToLowerInvariant()}.")
            .Paragraph("Choose your password to start. The link works once, for seven days.")
            .Link("Choose your password", context.Url(linkPath))
            .Paragraph($"Afterwards you sign in with this address, {to.Address}, at {context.Url("/newsroom/sign-in")}.")
            .Build($"You are invited to {context.Newsroom}", context.Name));
    }

    /// <summary>A link an administrator issued, for a forgotten password or a lost invitation.</summary>
    public async Task SetPasswordLinkAsync(MailRecipient to, string linkPath, CancellationToken cancellationToken)
    {
        var context = await mail.ContextAsync(cancellationToken);
        mail.Add(MailKind.SetPasswordLink, to, new MailBody(to.Name)
            .Paragraph($"An administrator of {context.Newsroom} sent you a link to choose a new password.")
            .Paragraph("It works once, for seven days, and only until another link is sent to you.")
            .Link("Choose your password", context.Url(linkPath))
            .Build($"Choose a password for {context.Newsroom}", context.Name));
    }

    /// <summary>A link the person asked for with "Forgot your password?".</summary>
    public async Task PasswordResetAsync(MailRecipient to, string linkPath, string askedFrom, CancellationToken cancellationToken)
    {
        var context = await mail.ContextAsync(cancellationToken);
        mail.Add(MailKind.PasswordReset, to, new MailBody(to.Name)
            .Paragraph($"Someone (we hope you) asked to reset the password you sign in to {context.Newsroom} with, from {askedFrom}.")
            .Paragraph("Choose a new password with this link. It works once, for one hour.")
            .Link("Choose a new password", context.Url(linkPath))
            .Paragraph("If you did not ask, ignore this email: your password stays as it is.")
            .Build($"Reset your password for {context.Newsroom}", context.Name));
    }

    /// <summary>To the new address, which the person proves is theirs by following the link.</summary>
    public async Task EmailChangeConfirmationAsync(MailRecipient to, string currentAddress, string linkPath, CancellationToken cancellationToken)
    {
        var context = await mail.ContextAsync(cancellationToken);
        mail.Add(MailKind.EmailChangeConfirmation, to, new MailBody(to.Name)
            .Paragraph($"You asked to sign in to {context.Newsroom} with this address, {to.Address}, instead of {currentAddress}.")
            .Paragraph("Confirm it with this link. It works once, for 24 hours; until then you sign in with your old address.")
            .Link("Confirm your new address", context.Url(linkPath))
            .Paragraph("If you did not ask for this, ignore this email and nothing changes.")
            .Build("Confirm your new sign-in address", context.Name));
    }

    /// <summary>To the old address, once the change is made: if it was not its owner's doing, they learn of it at once.</summary>
    public async Task EmailChangedAsync(MailRecipient to, string newAddress, CancellationToken cancellationToken)
    {
        var context = await mail.ContextAsync(cancellationToken);
        mail.Add(MailKind.EmailChanged, to, new MailBody(to.Name)
            .Paragraph($"Your account in {context.Newsroom} no longer signs in with this address, {to.Address}: it signs in with {newAddress} now.")
            .Paragraph("If you did not make this change, tell an administrator of the newsroom at once.")
            .Build("Your sign-in address was changed", context.Name));
    }
}
