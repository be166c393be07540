using System.CommandLine;
using Masthead.Core.Mail;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Hosting;
using Masthead.Mail;

namespace Masthead.Cli;

/// <summary>`masthead user add`: creates a staff account, emails the invitation, and prints its one-time set-password link last.</summary>
internal static class UserCommands
{
    public static Command Create(Func<ParseResult, string[]> hostArgs)
    {
        var email = new Option<string>("--email") { Description = "The person's email address; they sign in with it.", Required = true };
        var name = new Option<string>("--name") { Description = "The person's name as bylines show it.", Required = true };
        var role = new Option<NewsroomRole>("--role") { Description = "contributor, reporter, editor or administrator.", DefaultValueFactory = _ => NewsroomRole.Contributor };
        var title = new Option<string>("--job-title") { Description = "Job title shown with bylines, e.g. \"Senior Reporter\"." };

        var add = new Command("add", "Create a staff account and print a one-time link where the person chooses their password.") { email, name, role, title };
        add.SetAction((result, cancellationToken) => ConsoleErrors.GuardAsync(async () =>
        {
            await using var app = MastheadApp.Build(hostArgs(result));
            await DatabaseStartup.MigrateAsync(app.Services, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var link = await scope.ServiceProvider.GetRequiredService<StaffAccountService>().InviteAsync(
                Actor.System, result.GetValue(name)!, result.GetValue(email)!, result.GetValue(role), result.GetValue(title) ?? "", cancellationToken);
            Console.WriteLine($"Created {result.GetValue(role)} account for {result.GetValue(email)}.");
            Console.WriteLine(await SendInvitationAsync(app, scope.ServiceProvider, result.GetValue(email)!.Trim(), cancellationToken));
            Console.WriteLine("They choose a password at (valid for 7 days, once):");
            Console.WriteLine(await SiteAddress.PublicAsync(app, cancellationToken) + link.Path);
            return 0;
        }));

        return new Command("user", "Manage staff accounts.") { add };
    }

    /// <summary>
    /// Sends the invitation now rather than leaving it for the running site: this process has just queued it, and the
    /// site may not be running. Claimed like any message, so a site sending at the same moment does not send it too.
    /// </summary>
    private static async Task<string> SendInvitationAsync(WebApplication app, IServiceProvider scope, string email, CancellationToken cancellationToken)
    {
        var outbox = scope.GetRequiredService<Outbox>();
        if (await outbox.NewestAsync(MailKind.Invitation, email, cancellationToken) is not { } queued)
        {
            return "No invitation email was queued.";
        }

        await app.Services.GetRequiredService<MailDelivery>().DeliverDueAsync([queued.Id], cancellationToken);
        var mail = await outbox.NewestAsync(MailKind.Invitation, email, cancellationToken);
        return mail switch
        {
            { State: OutgoingMailState.Sent, LastResult: { } result } when result.StartsWith(MailDelivery.NoServer, StringComparison.Ordinal) =>
                $"The invitation is not emailed: {result}",
            { State: OutgoingMailState.Sent } => $"The invitation is emailed to {email}. {mail.LastResult}",
            { State: OutgoingMailState.Failed } => $"The invitation could not be emailed: {mail.LastResult}",
            _ => $"The invitation is not emailed yet ({mail?.LastResult ?? "another node is sending it"}); the site sends it when it can.",
        };
    }
}
