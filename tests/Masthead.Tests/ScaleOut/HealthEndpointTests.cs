using System.Net;
using System.Text.Json;
using Masthead.Hosting;
using Masthead.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ScaleOut;

/// <summary>A single node without Redis: alive, and ready when its database answers.</summary>
public sealed class HealthEndpointTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    [Fact]
    public async Task Healthz_says_the_process_answers()
    {
        using var response = await site.Server.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task Readyz_checks_the_database_and_no_redis_when_none_is_configured()
    {
        using var response = await site.Server.Client.GetAsync("/readyz");
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal(["database"], report.GetProperty("checks").EnumerateObject().Select(check => check.Name));
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task With_the_database_away_healthz_still_answers_and_readyz_answers_503()
    {
        var dataDirectory = MastheadServer.NewDataDirectory();
        await using var app = MastheadApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--Masthead:DataDirectory={dataDirectory}",
            "--Masthead:Database:Provider=Postgres",
            "--ConnectionStrings:Masthead=Host=127.0.0.1;Port=1;Database=masthead;Username=masthead;Password=masthead", // nothing listens on port 1
            "--Logging:LogLevel:Default=None",
        ]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address) };

            using var live = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
            using var ready = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
            var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        }
        finally
        {
            await app.StopAsync(TestContext.Current.CancellationToken);
            await MastheadServer.DeleteDataAsync(dataDirectory);
        }
    }
}
