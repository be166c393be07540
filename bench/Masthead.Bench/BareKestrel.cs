using System.Globalization;
using System.Net;
using System.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Masthead.Bench;

/// <summary>
/// The baseline's server, run in a child process (`Masthead.Bench baseline-server --port P --body FILE
/// --content-type TYPE`): Kestrel answering every request with the same bytes from memory, with no middleware,
/// routing or logging, so it measures what the web server itself can do on this machine.
/// </summary>
public static class BareKestrel
{
    public const string Mode = "baseline-server";

    public static async Task<int> RunAsync(string[] args)
    {
        string? port = null, bodyFile = null, contentType = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            _ = args[i] switch
            {
                "--port" => port = args[i + 1],
                "--body" => bodyFile = args[i + 1],
                "--content-type" => contentType = args[i + 1],
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        if (port is null || bodyFile is null || contentType is null)
        {
            Console.Error.WriteLine($"usage: Masthead.Bench {Mode} --port P --body FILE --content-type TYPE");
            return 2;
        }

        var body = await File.ReadAllBytesAsync(bodyFile);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, int.Parse(port, CultureInfo.InvariantCulture)));
        await using var app = builder.Build();
        app.Run(async context =>
        {
            context.Response.ContentType = contentType;
            context.Response.ContentLength = body.Length;
            await context.Response.BodyWriter.WriteAsync(body, context.RequestAborted);
        });

        await app.StartAsync();
        Console.WriteLine($"GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, {(GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent")}");
        await app.WaitForShutdownAsync(); // SIGTERM stops it
        return 0;
    }
}
