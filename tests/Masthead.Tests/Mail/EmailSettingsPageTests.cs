using System.Net;
using Masthead.Core.Audit;
using Masthead.Core.Mail;
using Masthead.Core.Storage;
using Masthead.Testing;
using Masthead.Tests.Newsroom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Masthead.Tests.Mail;

/// <summary>Settings › Email: the server set in the newsroom, the test button's answer, and a newsroom with no server at all.</summary>
public sealed class EmailSettingsPageTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const string Secret = "s3cret-smtp-passw0rd";

    private MastheadServer Server => site.Server;

    private static Dictionary<string, string> Settings(int port, string password = "", bool forget = false) => new()
    {
        ["Form.Host"] = "127.0.0.1",
        ["Form.Port"] = $"{port}",
        ["Form.Security"] = "None",
        ["Form.UserName"] = TestSmtpServer.UserName,
        ["Form.NewPassword"] = password,
        ["Form.ForgetPassword"] = forget ? "true" : "false",
        ["Form.FromAddress"] = "desk@larkmoorlantern.example",
        ["Form.FromName"] = "Lantern Desk",
    };

    [Fact]
    public async Task Settings_saved_on_the_page_send_mail_and_the_stored_password_is_never_shown_again()
    {
        await using var smtp = await TestSmtpServer.StartAsync(requireSignIn: true);
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        using var saved = await admin.SubmitAsync("/newsroom/settings/email", "form.mail-settings", Settings(smtp.Port, TestSmtpServer.Password));
        var page = await admin.GetDocumentAsync("/newsroom/settings/email");
        using var tested = await admin.SubmitAsync("/newsroom/settings/email", "#test form", new() { ["TestTo"] = "delphine@elsewhere.example" });
        var answered = await admin.GetDocumentAsync("/newsroom/settings/email");
        var test = await smtp.WaitForAsync("delphine@elsewhere.example", "Test message from The Larkmoor Lantern");
        using var resaved = await admin.SubmitAsync("/newsroom/settings/email", "form.mail-settings", Settings(smtp.Port));
        var audit = await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().AuditLog
            .Where(e => e.Action == AuditActions.MailSettingsChanged).Select(e => e.Details).ToListAsync());

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.DoesNotContain(TestSmtpServer.Password, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal("", page.QuerySelector("input[name='Form.NewPassword']")!.GetAttribute("value") ?? "");
        Assert.StartsWith("A password is stored; it is never shown.", page.QuerySelector("#password-hint")!.TextContent);
        Assert.Contains($"Through 127.0.0.1:{smtp.Port} (None), from \"Lantern Desk\" <desk@larkmoorlantern.example>", page.QuerySelector(".mail-server")!.TextContent);
        Assert.StartsWith("127.0.0.1 accepted the message for delphine@elsewhere.example:", answered.QuerySelector(".test-answer")!.TextContent);
        Assert.Equal("Lantern Desk", test.Message.From.Mailboxes.Single().Name);
        Assert.Equal(HttpStatusCode.Redirect, resaved.StatusCode);
        Assert.Equal(TestSmtpServer.Password, (await StoredAsync()).Password); // an empty field keeps the stored password
        Assert.DoesNotContain(audit, details => details.Contains(TestSmtpServer.Password, StringComparison.Ordinal));
        Assert.Contains(audit, details => details.Contains("Host, Password, Port", StringComparison.Ordinal)); // which settings changed, never their values

        using var forgotten = await admin.SubmitAsync("/newsroom/settings/email", "form.mail-settings", Settings(smtp.Port, forget: true));
        Assert.Equal("", (await StoredAsync()).Password);
        await ClearAsync(admin);
    }

    [Fact]
    public async Task The_test_button_reports_why_the_server_did_not_take_the_message()
    {
        await using var smtp = await TestSmtpServer.StartAsync(requireSignIn: true);
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        using var saved = await admin.SubmitAsync("/newsroom/settings/email", "form.mail-settings", Settings(smtp.Port, "not the password"));

        using var tested = await admin.SubmitAsync("/newsroom/settings/email", "#test form", new() { ["TestTo"] = "delphine@elsewhere.example" });
        var answer = (await admin.GetDocumentAsync("/newsroom/settings/email")).QuerySelector(".test-answer")!;

        Assert.Contains("errors", answer.ClassList);
        Assert.StartsWith($"The mail server 127.0.0.1:{smtp.Port} refused the user name and password:", answer.TextContent);
        Assert.Empty(smtp.Received);
        await ClearAsync(admin);
    }

    [Fact]
    public async Task With_no_server_messages_are_written_to_the_mail_folder_as_eml_files_and_the_page_says_where()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        using var written = await new NewsroomClient(Server).SubmitAsync("/contact", ".contact-form form", new()
        {
            ["Name"] = "Orla Pennywhistle",
            ["Email"] = "orla@example.org",
            ["Subject"] = "Nobody sends this",
            ["Message"] = "It waits in a file.",
        });
        var folder = Path.Combine(Server.DataDirectory, "mail");
        MimeMessage? message = null;
        await ScaleOut.TwoNodes.EventuallyAsync(async () =>
        {
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*-InboxMessage.eml") : [])
            {
                var candidate = await MimeMessage.LoadAsync(file);
                if (candidate.Subject == "Reader message: Nobody sends this" && candidate.To.Mailboxes.Single().Address == DemoLogins.Editor.Email)
                {
                    message = candidate;
                }
            }

            return message is not null;
        }, "the message written to the mail folder");
        var page = await admin.GetDocumentAsync("/newsroom/settings/email");
        var row = await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Outbox.AsNoTracking()
            .SingleAsync(m => m.Subject == "Reader message: Nobody sends this" && m.ToAddress == DemoLogins.Editor.Email));

        Assert.Equal("orla@example.org", message!.ReplyTo.Mailboxes.Single().Address);
        Assert.Contains("> It waits in a file.", message.TextBody);
        Assert.Contains($"No mail server is set, so nothing is sent: each message is written as an .eml file", page.QuerySelector(".mail-server")!.TextContent);
        Assert.Contains(folder, page.QuerySelector(".mail-server")!.TextContent);
        Assert.Equal(OutgoingMailState.Sent, row.State);
        Assert.StartsWith($"No mail server is set: written to {folder}", row.LastResult);
    }

    [Fact]
    public async Task A_server_set_in_the_configuration_wins_and_the_page_shows_it_without_letting_it_be_changed()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var server = await MastheadServer.StartAsync(demo: true, extraArgs: smtp.Arguments());
        using var admin = await NewsroomClient.SignInAsync(server, DemoLogins.Administrator);

        var page = await admin.GetDocumentAsync("/newsroom/settings/email");

        Assert.Contains($"Through 127.0.0.1:{smtp.Port} (None)", page.QuerySelector(".mail-server")!.TextContent);
        Assert.Contains("as set in the configuration (Masthead__Mail__Host and the rest), which wins over this page", page.QuerySelector(".mail-server")!.TextContent);
        Assert.True(page.QuerySelector("form.mail-settings fieldset")!.HasAttribute("disabled"));
    }

    [Fact]
    public async Task Only_administrators_open_the_email_settings()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        using var response = await editor.Http.GetAsync("/newsroom/settings/email");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private Task<MailSettings> StoredAsync() => Server.InScopeAsync(services => services.GetRequiredService<MailSettingsService>().LoadAsync());

    /// <summary>Back to no server, for the other tests of the class.</summary>
    private static async Task ClearAsync(NewsroomClient admin)
    {
        using var cleared = await admin.SubmitAsync("/newsroom/settings/email", "form.mail-settings",
            new() { ["Form.Host"] = "", ["Form.FromAddress"] = "", ["Form.ForgetPassword"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
    }
}
