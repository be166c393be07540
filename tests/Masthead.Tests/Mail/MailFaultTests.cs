using System.Net;
using Masthead.Core.Mail;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Masthead.Tests.Newsroom;
using Masthead.Tests.ScaleOut;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Mail;

/// <summary>A demo site whose mail server is set in the newsroom (Settings › Email), where each test sets what it needs, and retried after a second.</summary>
public sealed class MailFaultSiteFixture : IAsyncLifetime
{
    private MastheadServer? _server;

    public MastheadServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async ValueTask InitializeAsync() => _server = await MastheadServer.StartAsync(demo: true, extraArgs: "--Masthead:Mail:RetryAfterSeconds=1");

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>
/// What goes wrong with mail servers: each fault is recorded on the message with a reason an administrator can act
/// on, a temporary one is retried until the message goes, a permanent one is shown on Settings › Email, and none of
/// them stops the page that caused the message.
/// </summary>
public sealed class MailFaultTests(MailFaultSiteFixture site) : IClassFixture<MailFaultSiteFixture>
{
    private const string Editor = "anaya-kessler@larkmoorlantern.example";
    private const string Administrator = "delphine-marrow@larkmoorlantern.example";

    private MastheadServer Server => site.Server;

    [Fact]
    public async Task An_article_submitted_while_the_mail_server_is_down_is_submitted_and_its_notification_arrives_once_when_the_server_is_back()
    {
        var smtp = await TestSmtpServer.StartAsync();
        await smtp.StopAsync();
        await UseAsync("127.0.0.1", smtp.Port);
        using var writer = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        var id = await writer.WriteAsync("Covered bridge repairs start in spring");

        using var submitted = await writer.StepAsync(id, "Submit");
        var failing = await FailedAttemptAsync(Editor, "For review: Covered bridge repairs start in spring");
        await smtp.StartAgainAsync();
        await smtp.WaitForAsync(Editor, "For review: Covered bridge repairs start in spring");
        await EventuallySentAsync(Editor, "For review: Covered bridge repairs start in spring");

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(Core.Articles.ArticleStatus.InReview, (await Server.StoredAsync(id)).Status);
        Assert.Equal($"Could not reach the mail server 127.0.0.1:{smtp.Port}: nothing accepts connections on that port (connection refused).", failing.LastResult);
        Assert.Single(smtp.To(Editor), m => m.Subject == "For review: Covered bridge repairs start in spring");
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_recorded_retried_and_the_message_goes_once_the_password_is_right()
    {
        await using var smtp = await TestSmtpServer.StartAsync(requireSignIn: true);
        await UseAsync("127.0.0.1", smtp.Port, userName: TestSmtpServer.UserName, password: "not the password");

        using var written = await WriteInAsync("Wrong password");
        var failing = await FailedAttemptAsync(Editor, "Reader message: Wrong password");
        await UseAsync("127.0.0.1", smtp.Port, userName: TestSmtpServer.UserName, password: TestSmtpServer.Password);
        await smtp.WaitForAsync(Editor, "Reader message: Wrong password");

        Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);
        Assert.StartsWith($"The mail server 127.0.0.1:{smtp.Port} refused the user name and password:", failing.LastResult);
        Assert.EndsWith("Check them in the settings.", failing.LastResult);
        Assert.Equal(OutgoingMailState.Queued, failing.State);
    }

    [Fact]
    public async Task A_host_that_does_not_exist_is_recorded_and_retried()
    {
        await UseAsync("mail.masthead.invalid", 587);

        using var written = await WriteInAsync("No such host");
        var failing = await FailedAttemptAsync(Editor, "Reader message: No such host");

        Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);
        Assert.StartsWith("Could not reach the mail server mail.masthead.invalid:587:", failing.LastResult);
        Assert.Equal(OutgoingMailState.Queued, failing.State);
    }

    [Fact]
    public async Task Tls_asked_of_a_server_that_does_not_speak_it_is_recorded_with_what_to_check()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await UseAsync("127.0.0.1", smtp.Port, MailSecurity.Tls);
        using var first = await WriteInAsync("TLS from the start");
        var handshake = await FailedAttemptAsync(Editor, "Reader message: TLS from the start");

        await UseAsync("127.0.0.1", smtp.Port, MailSecurity.StartTls);
        using var second = await WriteInAsync("STARTTLS please");
        var startTls = await FailedAttemptAsync(Editor, "Reader message: STARTTLS please");

        Assert.StartsWith($"The TLS handshake with 127.0.0.1:{smtp.Port} failed", handshake.LastResult);
        Assert.Contains("Check Security", handshake.LastResult);
        Assert.Equal($"The mail server 127.0.0.1:{smtp.Port} does not offer STARTTLS, which Security: StartTls requires. Use Tls if it speaks TLS from the start, "
            + "or None only for a relay on a network you trust.", startTls.LastResult);
        Assert.Equal(OutgoingMailState.Queued, startTls.State);
        Assert.Empty(smtp.Received);
    }

    [Fact]
    public async Task A_server_that_breaks_off_in_the_middle_of_a_message_is_recorded_and_the_message_tried_again()
    {
        await using var halfway = new HalfwaySmtpServer();
        await UseAsync("127.0.0.1", halfway.Port);

        using var written = await WriteInAsync("Cut off");
        var failing = await FailedAttemptAsync(Editor, "Reader message: Cut off");
        await TwoNodes.EventuallyAsync(async () => (await RowAsync(Editor, "Reader message: Cut off")).Attempts >= 2, "a second attempt", 30);

        Assert.StartsWith($"The connection to the mail server 127.0.0.1:{halfway.Port} broke off", failing.LastResult);
        Assert.Equal(OutgoingMailState.Queued, (await RowAsync(Editor, "Reader message: Cut off")).State);
        Assert.True(halfway.CutOff >= 2);
    }

    [Fact]
    public async Task A_refused_recipient_fails_for_good_is_shown_to_administrators_and_holds_up_nobody_else()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.Refused[Editor] = true;
        await UseAsync("127.0.0.1", smtp.Port);

        using var written = await WriteInAsync("Refused recipient");
        await smtp.WaitForAsync(Administrator, "Reader message: Refused recipient");
        var refused = await FailedAttemptAsync(Editor, "Reader message: Refused recipient");
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        var page = await admin.GetDocumentAsync("/newsroom/settings/email");
        var row = page.QuerySelector($"#mail-{refused.Id}")!;

        Assert.Equal(OutgoingMailState.Failed, refused.State);
        Assert.StartsWith($"The mail server refused the recipient {Editor}: 550", refused.LastResult);
        Assert.Equal(refused.LastResult, row.QuerySelector(".outbox-reason")!.TextContent);
        Assert.Contains("Failed after 1 attempt", row.TextContent);
        Assert.NotNull(row.QuerySelector("form[action*='handler=SendAgain'] button"));
    }

    [Fact]
    public async Task A_temporary_refusal_is_retried_until_the_server_takes_the_message()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.Busy = true;
        await UseAsync("127.0.0.1", smtp.Port);

        using var written = await WriteInAsync("Busy server");
        var failing = await FailedAttemptAsync(Editor, "Reader message: Busy server");
        smtp.Busy = false;
        await smtp.WaitForAsync(Editor, "Reader message: Busy server");

        Assert.Equal("The mail server refused the message: 451 4.3.0 Busy, try again later", failing.LastResult);
        Assert.Equal(OutgoingMailState.Queued, failing.State);
        await EventuallySentAsync(Editor, "Reader message: Busy server");
    }

    /// <summary>A reader's message through the contact form: it notifies the editor and the administrator.</summary>
    private async Task<HttpResponseMessage> WriteInAsync(string subject) =>
        await new NewsroomClient(Server).SubmitAsync("/contact", ".contact-form form", new()
        {
            ["Name"] = "Orla Pennywhistle",
            ["Email"] = "orla@example.org",
            ["Subject"] = subject,
            ["Message"] = "A question about the mail.",
        });

    private Task UseAsync(string host, int port, MailSecurity security = MailSecurity.None, string userName = "", string password = "") =>
        Server.InScopeAsync(services => services.GetRequiredService<MailSettingsService>().UpdateAsync(Actor.System,
            new MailSettingsInput(host, port, security, userName, password, ForgetPassword: password.Length == 0, "newsroom@larkmoorlantern.example", "")));

    private Task<OutgoingMail> RowAsync(string to, string subject) => Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Outbox.AsNoTracking().SingleAsync(m => m.ToAddress == to && m.Subject == subject));

    /// <summary>Waits until the message has been tried at least once, and returns it as it then stands.</summary>
    private async Task<OutgoingMail> FailedAttemptAsync(string to, string subject)
    {
        OutgoingMail? row = null;
        await TwoNodes.EventuallyAsync(async () => (row = await RowAsync(to, subject)) is { Attempts: > 0, State: not OutgoingMailState.Sending },
            $"an attempt at \"{subject}\"", 60);
        return row!;
    }

    private Task EventuallySentAsync(string to, string subject) =>
        TwoNodes.EventuallyAsync(async () => (await RowAsync(to, subject)).State == OutgoingMailState.Sent, $"\"{subject}\" recorded as sent", 30);
}
