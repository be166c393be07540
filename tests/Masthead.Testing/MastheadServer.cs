using AngleSharp;
using AngleSharp.Dom;
using Masthead.Core.Articles;
using Masthead.Core.Storage;
using Masthead.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Testing;

/// <summary>
/// A real Masthead on a free loopback port with its own data directory and database (SQLite, or PostgreSQL as
/// <see cref="TestDatabase"/> says), reached over real HTTP. Each test class starts its own.
/// </summary>
public sealed class MastheadServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly bool _ownsDataDirectory;

    private MastheadServer(WebApplication app, string dataDirectory, bool ownsDataDirectory, Uri baseAddress)
    {
        _app = app;
        _ownsDataDirectory = ownsDataDirectory;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    /// <summary>
    /// PBKDF2 iterations for the staff passwords of test servers, far below production's (Identity's default, which
    /// PasswordHashingTests holds it to): every demo seed hashes four passwords and every sign-in checks one, and at
    /// 100,000 iterations each costs tens of milliseconds of a shared CPU. The hashes are otherwise the same.
    /// </summary>
    public const int PasswordHashIterations = 1_000;

    public string DataDirectory { get; }
    public Uri BaseAddress { get; }

    /// <summary>Does not follow redirects, so tests see 301s as they are.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="dataDirectory">An existing data directory to reuse and keep; by default a new one that is deleted on dispose.</param>
    /// <param name="services">Replaces services before the server starts, e.g. a fake TimeProvider.</param>
    /// <remarks>
    /// A new database is a copy of one migrated once per run (<see cref="MigratedTemplate"/>), seeded as a first run;
    /// or, for an empty data directory with the demo and nothing that would change its seed (a fake clock set to about now
    /// does not), a copy of one the demo was seeded into (<see cref="DemoTemplate"/>), media files and all.
    /// </remarks>
    public static async Task<MastheadServer> StartAsync(bool demo = true, string? dataDirectory = null, Action<IServiceCollection>? services = null, params string[] extraArgs)
    {
        var ownsDataDirectory = dataDirectory is null;
        dataDirectory ??= NewDataDirectory();
        DateTime? demoAsOf = null;
        var copiesDemo = demo && DemoTemplate.LeavesSeedAlone(extraArgs) && IsEmpty(dataDirectory) && DemoTemplate.LeavesSeedAlone(services, out demoAsOf);
        var database = await TestDatabase.ArgumentsForAsync(dataDirectory, copiesDemo ? DatabaseTemplate.Demo : DatabaseTemplate.Migrated, demoAsOf);
        var app = Build(dataDirectory, demo, [.. database.Arguments, .. extraArgs], services);
        var migration = await DatabaseStartup.MigrateAsync(app.Services);
        await DatabaseStartup.FinishPreparingAsync(app.Services, firstRun: migration.WasNew || database.MadeFirstRun);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new MastheadServer(app, dataDirectory, ownsDataDirectory, new Uri(address));
    }

    /// <summary>The app a test server runs, not yet started; <see cref="DemoTemplate"/> seeds with the same.</summary>
    internal static WebApplication Build(string dataDirectory, bool demo, string[] extraArgs, Action<IServiceCollection>? services = null)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Masthead:DataDirectory={dataDirectory}",
            $"--Masthead:DemoOnFirstRun={demo}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore.DataProtection=Error",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Migrations=Error",
            "--Masthead:RateLimits:SignInsPerMinute=10000",
            "--Masthead:RateLimits:ContactMessagesPerHour=10000",
            .. extraArgs,
        ];
        return MastheadApp.Build(args, builder =>
        {
            builder.Services.Configure<PasswordHasherOptions>(hashing => hashing.IterationCount = PasswordHashIterations);
            services?.Invoke(builder.Services);
        });
    }

    private static bool IsEmpty(string dataDirectory) => !Directory.Exists(dataDirectory) || !Directory.EnumerateFileSystemEntries(dataDirectory).Any();

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "masthead-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Runs <paramref name="work"/> with Core services from a fresh scope, as a request would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task InScopeAsync(Func<IServiceProvider, Task> work) => InScopeAsync(async services =>
    {
        await work(services);
        return true;
    });

    /// <summary>The id and public path (its address once published) of the article at <paramref name="slug"/>, such as the demo's live story.</summary>
    public Task<(int Id, string Path)> ArticleAsync(string slug) => InScopeAsync(async services =>
    {
        var article = await services.GetRequiredService<MastheadDb>().Articles
            .Where(a => a.Slug == slug).Select(a => new { a.Id, a.UrlDate }).SingleAsync();
        return (article.Id, ArticleUrls.PathFor(article.UrlDate!.Value, slug));
    });

    /// <summary>GETs <paramref name="path"/>, checks the status, and parses the HTML.</summary>
    public async Task<IDocument> GetDocumentAsync(string path, int expectedStatus = 200)
    {
        using var response = await Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != expectedStatus)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}, not {expectedStatus}.");
        }

        return await ParseAsync(html);
    }

    public static Task<IDocument> ParseAsync(string html) =>
        BrowsingContext.New(Configuration.Default).OpenAsync(request => request.Content(html));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsDataDirectory)
        {
            return;
        }

        await DeleteDataAsync(DataDirectory);
    }

    /// <summary>Deletes a data directory a test made for servers it started itself, and its PostgreSQL database if any.</summary>
    public static async Task DeleteDataAsync(string dataDirectory)
    {
        await TestDatabase.DropAsync(dataDirectory);
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory, or one a skipped test never made, is harmless.
        }
    }
}
