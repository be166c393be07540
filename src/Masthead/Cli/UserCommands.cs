using System.CommandLine;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Hosting;

namespace Masthead.Cli;

/// <summary>`masthead user add`: creates a staff account and prints its one-time set-password link.</summary>
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
            Console.WriteLine($"Created {result.GetValue(role)} account for {result.GetValue(email)}. They choose a password at (valid for 7 days, once):");
            Console.WriteLine(await SiteAddress.PublicAsync(app, cancellationToken) + link.Path);
            return 0;
        }));

        return new Command("user", "Manage staff accounts.") { add };
    }
}
