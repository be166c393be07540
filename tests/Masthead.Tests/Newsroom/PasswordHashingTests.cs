using System.Buffers.Binary;
using Masthead.Core.People;
using Masthead.Core.Storage;
using Masthead.Hosting;
using Masthead.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// Test servers hash staff passwords with few PBKDF2 iterations (<see cref="MastheadServer.PasswordHashIterations"/>),
/// to save time; these tests hold production to ASP.NET Core Identity's default and the test servers to their own.
/// </summary>
public sealed class PasswordHashingTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    [Fact]
    public async Task Masthead_hashes_passwords_with_Identitys_default_iteration_count()
    {
        var dataDirectory = MastheadServer.NewDataDirectory();
        await using var app = MastheadApp.Build([$"--Masthead:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning"]);
        try
        {
            var hash = app.Services.GetRequiredService<IPasswordHasher<StaffAccount>>().HashPassword(new StaffAccount(), "lantern-editor");

            Assert.Equal(100_000, new PasswordHasherOptions().IterationCount);
            Assert.Equal(new PasswordHasherOptions().IterationCount, IterationsIn(hash));
        }
        finally
        {
            await MastheadServer.DeleteDataAsync(dataDirectory);
        }
    }

    [Fact]
    public async Task A_test_servers_demo_staff_have_hashes_with_the_test_iteration_count()
    {
        var hashes = await site.Server.InScopeAsync(services =>
            services.GetRequiredService<MastheadDb>().Users.Select(a => a.PasswordHash!).ToListAsync(TestContext.Current.CancellationToken));

        Assert.NotEmpty(hashes);
        Assert.All(hashes, hash => Assert.Equal(MastheadServer.PasswordHashIterations, IterationsIn(hash)));
    }

    /// <summary>The iteration count a version 3 Identity hash carries: a format byte, the PRF, then the count, big-endian.</summary>
    private static int IterationsIn(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }
}
