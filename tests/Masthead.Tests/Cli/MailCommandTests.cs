using Masthead.Testing;
using MimeKit;

namespace Masthead.Tests.Cli;

/// <summary>`masthead user add` emails the invitation at once; with no mail server, it and every message are written to data/mail/.</summary>
public sealed class MailCommandTests
{
    [Fact]
    public async Task User_add_emails_the_invitation_through_the_configured_server_and_still_prints_the_link_last()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        using var masthead = new MastheadProcess();
        Assert.Equal(0, (await masthead.RunAsync("migrate", "--Masthead:DemoOnFirstRun=false")).ExitCode);

        var (exitCode, output, error) = await masthead.RunAsync(["user", "add", "--email", "noor@example.org", "--name", "Noor Castell", "--role", "editor", .. smtp.Arguments()]);
        var mail = await smtp.WaitForAsync("noor@example.org", "You are invited");
        var lines = output.Trim().Split('\n').Select(line => line.Trim()).ToArray();

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.StartsWith("The invitation is emailed to noor@example.org. Accepted by 127.0.0.1:", lines[1]);
        Assert.Equal(mail.Link("/newsroom/set-password"), new Uri(lines[^1]));
        Assert.Contains("You are invited to the Masthead newsroom, as an editor.", mail.Text);
    }

    [Fact]
    public async Task With_no_mail_server_the_invitation_is_written_to_the_mail_folder_and_the_output_says_where()
    {
        using var masthead = new MastheadProcess();
        Assert.Equal(0, (await masthead.RunAsync("migrate", "--Masthead:DemoOnFirstRun=false")).ExitCode);

        var (exitCode, output, _) = await masthead.RunAsync("user", "add", "--email", "noor@example.org", "--name", "Noor Castell");
        var file = Assert.Single(Directory.GetFiles(Path.Combine(masthead.WorkingDirectory, "data", "mail"), "*.eml"));
        var message = await MimeMessage.LoadAsync(file);

        Assert.Equal(0, exitCode);
        Assert.Contains($"The invitation is not emailed: No mail server is set: written to {file}", output);
        Assert.Equal("noor@example.org", message.To.Mailboxes.Single().Address);
        Assert.Contains(output.Trim().Split('\n')[^1].Trim(), message.TextBody);
    }

    [Fact]
    public async Task Serve_says_once_at_start_that_with_no_mail_server_messages_are_written_to_the_mail_folder()
    {
        using var masthead = new MastheadProcess();
        using var serve = masthead.Start("serve", $"--urls=http://127.0.0.1:{LoopbackPort.Free()}");
        var lines = new List<string>();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (await serve.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.StartsWith("No mail server is set", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }

        Assert.Equal($"No mail server is set (Settings > Email in the newsroom, or Masthead__Mail__Host): emails are written to "
            + $"{Path.Combine(masthead.WorkingDirectory, "data", "mail")} instead of being sent.", lines[^1]);
        Assert.Single(lines, line => line.Contains("mail server", StringComparison.Ordinal));
    }
}
