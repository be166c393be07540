using Masthead.Testing;
using Microsoft.Data.Sqlite;

namespace Masthead.Tests.Cli;

/// <summary>`masthead user add`: the first administrator of a fresh install, from the command line.</summary>
public sealed class UserCommandTests
{
    private const string Email = "editor-in-chief@example.org";

    [Fact]
    public async Task User_add_prints_a_one_time_link_where_the_new_administrator_chooses_a_password()
    {
        using var masthead = new MastheadProcess();
        Assert.Equal(0, (await masthead.RunAsync("migrate", "--Masthead:DemoOnFirstRun=false")).ExitCode);

        var (exitCode, output, error) = await masthead.RunAsync("user", "add", "--email", Email, "--name", "Noor Castell", "--role", "administrator");

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        var link = new Uri(output.Trim().Split('\n')[^1].Trim());
        Assert.Equal("http://localhost:5080", link.GetLeftPart(UriPartial.Authority));

        await using var server = await MastheadServer.StartAsync(demo: false, dataDirectory: Path.Combine(masthead.WorkingDirectory, "data"));
        using var setPassword = await new NewsroomClient(server)
            .SubmitAsync(link.PathAndQuery, "form", new() { ["Password"] = "first light on the river", ["Confirm"] = "first light on the river" });
        Assert.Equal("/newsroom/sign-in", setPassword.Headers.Location!.OriginalString);
        using var administrator = await NewsroomClient.SignInAsync(server, (Email, "first light on the river"));
        Assert.Equal(200, (int)(await administrator.Http.GetAsync("/newsroom/settings")).StatusCode); // administrators only
    }

    [Fact]
    public async Task Links_use_the_publication_s_public_address_when_it_has_one()
    {
        using var masthead = new MastheadProcess();
        Assert.Equal(0, (await masthead.RunAsync("migrate", "--Masthead:DemoOnFirstRun=false")).ExitCode);
        Assert.Equal(0, (await masthead.RunAsync("user", "add", "--email", Email, "--name", "Noor Castell")).ExitCode);
        using (var connection = new SqliteConnection($"Data Source={masthead.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE Publication SET BaseUrl = 'https://news.example.org'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var (exitCode, output, _) = await masthead.RunAsync("user", "add", "--email", "second@example.org", "--name", "Ines Varga");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("https://news.example.org/newsroom/", output.Trim().Split('\n')[^1].Trim());
    }

    [Theory]
    [InlineData(Email, "already has a staff account")]
    [InlineData("not-an-address", "email")]
    public async Task A_refused_email_gets_one_clear_line_and_exit_code_1(string email, string expected)
    {
        using var masthead = new MastheadProcess();
        Assert.Equal(0, (await masthead.RunAsync("migrate", "--Masthead:DemoOnFirstRun=false")).ExitCode);
        Assert.Equal(0, (await masthead.RunAsync("user", "add", "--email", Email, "--name", "Noor Castell")).ExitCode);

        var (exitCode, _, error) = await masthead.RunAsync("user", "add", "--email", email, "--name", "Someone Else");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("masthead: ", line);
        Assert.Contains(expected, line, StringComparison.OrdinalIgnoreCase);
    }
}
