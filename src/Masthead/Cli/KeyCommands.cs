using System.CommandLine;
using System.Globalization;
using Masthead.Core;
using Masthead.Core.ContentApi;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Hosting;

namespace Masthead.Cli;

/// <summary>`masthead key add|list|revoke`: Content and Admin API keys, as administrators manage them in the newsroom.</summary>
internal static class KeyCommands
{
    public static Command Create(Func<ParseResult, string[]> hostArgs)
    {
        var name = new Option<string>("--name") { Description = "What uses the key, e.g. \"Mobile app\".", Required = true };
        var admin = new Option<bool>("--admin") { Description = "An Admin API key (id:secret) for /ghost/api/admin/, instead of a Content API key." };
        var role = new Option<NewsroomRole>("--role")
        {
            Description = "The role an Admin API key acts with: contributor, reporter, editor or administrator.",
            DefaultValueFactory = _ => NewsroomRole.Editor,
        };
        var add = new Command("add", "Create a Content API key, or with --admin an Admin API key, and print it on the last line.") { name, admin, role };
        add.SetAction((result, cancellationToken) => RunAsync(hostArgs(result), cancellationToken, async keys =>
        {
            if (result.GetValue(admin))
            {
                var adminKey = await keys.CreateAdminAsync(Actor.System, result.GetValue(name)!, result.GetValue(role), cancellationToken);
                Console.WriteLine($"Created Admin API key {adminKey.Id} \"{adminKey.Name}\", acting as {adminKey.AdminRole}. Sign tokens for /ghost/api/admin/ with:");
                Console.WriteLine(adminKey.Secret);
                return;
            }

            var key = await keys.CreateAsync(Actor.System, result.GetValue(name)!, cancellationToken);
            Console.WriteLine($"Created Content API key {key.Id} \"{key.Name}\". Use it as ?key= on /ghost/api/content/:");
            Console.WriteLine(key.Secret);
        }));

        var list = new Command("list", "List the Content API keys: number, name, when created, when revoked, and the key.");
        list.SetAction((result, cancellationToken) => RunAsync(hostArgs(result), cancellationToken, async keys =>
        {
            var all = await keys.ListAsync(Actor.System, cancellationToken);
            if (all.Count == 0)
            {
                Console.WriteLine("There are no Content API keys. Create one with: masthead key add --name NAME");
                return;
            }

            Console.WriteLine($"{"ID",-4} {"NAME",-30} {"CREATED",-20} {"REVOKED",-20} KEY");
            foreach (var key in all)
            {
                Console.WriteLine($"{key.Id,-4} {Shorten(key.Name),-30} {Utc(key.CreatedAt),-20} {(key.RevokedAt is { } at ? Utc(at) : "active"),-20} {key.Secret}");
            }
        }));

        var which = new Argument<string>("key") { Description = "The key's number (from `masthead key list`) or the key itself." };
        var revoke = new Command("revoke", "Revoke a Content API key; apps using it are refused from then on.") { which };
        revoke.SetAction((result, cancellationToken) => RunAsync(hostArgs(result), cancellationToken, async keys =>
        {
            var key = await keys.RevokeAsync(Actor.System, result.GetValue(which)!, cancellationToken);
            Console.WriteLine($"Revoked Content API key {key.Id} \"{key.Name}\".");
        }));

        return new Command("key", "Manage Content API keys (the ?key= of /ghost/api/content/) and Admin API keys (/ghost/api/admin/).") { add, list, revoke };
    }

    /// <summary>Runs <paramref name="work"/> against the migrated database; a problem with the input is one line on stderr and exit code 1.</summary>
    private static Task<int> RunAsync(string[] hostArgs, CancellationToken cancellationToken, Func<ContentApiKeyService, Task> work) =>
        ConsoleErrors.GuardAsync(async () =>
        {
            await using var app = MastheadApp.Build(hostArgs);
            await DatabaseStartup.MigrateAsync(app.Services, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            try
            {
                await work(scope.ServiceProvider.GetRequiredService<ContentApiKeyService>());
                return 0;
            }
            catch (Exception refused) when (refused is ValidationException or NotFoundException or WorkflowException)
            {
                await Console.Error.WriteLineAsync($"masthead: {refused.Message}");
                return 1;
            }
        });

    private static string Utc(DateTime at) => at.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    private static string Shorten(string name) => name.Length <= 30 ? name : name[..29] + "…";
}
