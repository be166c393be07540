using System.Net;
using AngleSharp.Dom;
using Masthead.Core.Mail;
using Masthead.Core.People;
using Masthead.Core.Storage;
using Masthead.Testing;
using Masthead.Tests.Newsroom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Mail;

/// <summary>"Forgot your password?": a one-hour, one-time link by email, the same answer for every address, and limits.</summary>
public sealed class ForgottenPasswordTests(MailSiteFixture site) : IClassFixture<MailSiteFixture>
{
    private MastheadServer Server => site.Server;
    private TestSmtpServer Smtp => site.Smtp;

    private static async Task<IDocument> AskAsync(NewsroomClient client, string email)
    {
        using var response = await client.SubmitAsync("/newsroom/forgot-password", "form.forgot-password", new() { ["Email"] = email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ParseAsync();
    }

    [Fact]
    public async Task The_sign_in_page_leads_to_a_link_by_email_that_sets_a_new_password_once()
    {
        var visitor = new NewsroomClient(Server);
        var signIn = await visitor.GetDocumentAsync("/newsroom/sign-in");

        await AskAsync(visitor, DemoLogins.Reporter.Email);
        var mail = await Smtp.WaitForAsync(DemoLogins.Reporter.Email, "Reset your password for The Larkmoor Lantern newsroom");
        var link = mail.Link("/newsroom/set-password").PathAndQuery;
        using var set = await visitor.SubmitAsync(link, "main form", new() { ["Password"] = "new words for an old desk", ["Confirm"] = "new words for an old desk" });
        var again = await visitor.GetDocumentAsync(link);

        Assert.Equal("/newsroom/forgot-password", signIn.QuerySelector("a.forgot-password")!.GetAttribute("href"));
        Assert.Contains("It works once, for one hour.", mail.Text);
        Assert.Contains("from 127.0.0.1", mail.Text);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        using var signedIn = await NewsroomClient.SignInAsync(Server, (DemoLogins.Reporter.Email, "new words for an old desk"));
        Assert.StartsWith("This link has expired or was already used", again.QuerySelector("main .errors")!.TextContent.Trim());
        Assert.Null(again.QuerySelector("input[name=Password]"));
    }

    [Fact]
    public async Task The_answer_is_the_same_whether_or_not_an_account_has_the_address()
    {
        var visitor = new NewsroomClient(Server);

        var known = await AskAsync(visitor, DemoLogins.Editor.Email);
        var unknown = await AskAsync(visitor, "nobody-here@larkmoorlantern.example");

        Assert.Equal(
            known.QuerySelector("main")!.InnerHtml.Replace(DemoLogins.Editor.Email, "ADDRESS", StringComparison.Ordinal),
            unknown.QuerySelector("main")!.InnerHtml.Replace("nobody-here@larkmoorlantern.example", "ADDRESS", StringComparison.Ordinal));
        Assert.Contains("a link to choose a new password is on its way to it", known.QuerySelector(".reset-sent")!.TextContent);
        await Smtp.WaitForAsync(DemoLogins.Editor.Email, "Reset your password");
        Assert.Empty(Smtp.To("nobody-here@larkmoorlantern.example"));
        Assert.Empty(await site.OutboxAsync(MailKind.PasswordReset, "nobody-here@larkmoorlantern.example"));
    }

    [Fact]
    public async Task A_password_changed_after_the_link_was_sent_makes_the_link_stop_working()
    {
        var visitor = new NewsroomClient(Server);
        await AskAsync(visitor, DemoLogins.Administrator.Email);
        var link = (await Smtp.WaitForAsync(DemoLogins.Administrator.Email, "Reset your password")).Link("/newsroom/set-password").PathAndQuery;
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        using var changed = await admin.SubmitAsync("/newsroom/account/password", "main form", new()
        {
            ["Current"] = DemoLogins.Administrator.Password,
            ["NewPassword"] = "lantern-administrator-2",
            ["Confirm"] = "lantern-administrator-2",
        });

        var page = await visitor.GetDocumentAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Null(page.QuerySelector("input[name=Password]"));
        Assert.DoesNotContain(DemoLogins.Administrator.Email, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_most_three_links_go_to_one_address_in_an_hour()
    {
        var visitor = new NewsroomClient(Server);
        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await AskAsync(visitor, DemoLogins.Contributor.Email)).QuerySelector("main")!.InnerHtml);
        }

        Assert.Single(answers.Distinct());
        Assert.Equal(3, (await site.OutboxAsync(MailKind.PasswordReset, DemoLogins.Contributor.Email)).Count);
    }

    [Fact]
    public async Task One_client_asks_for_at_most_ten_links_in_an_hour_whatever_the_addresses()
    {
        await using var server = await MastheadServer.StartAsync(demo: true);
        var visitor = new NewsroomClient(server);
        string[] everyone = [DemoLogins.Administrator.Email, DemoLogins.Editor.Email, DemoLogins.Reporter.Email, DemoLogins.Contributor.Email];

        foreach (var email in everyone.SelectMany(e => Enumerable.Repeat(e, 3)))
        {
            await AskAsync(visitor, email);
        }

        var queued = await server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Outbox.CountAsync(m => m.Kind == MailKind.PasswordReset));
        Assert.Equal(PasswordResetService.PerClientPerHour, queued);
    }

    [Fact]
    public async Task A_link_works_for_an_hour_by_the_sites_clock_and_not_after()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var server = await MastheadServer.StartAsync(demo: true, services: s => s.AddSingleton<TimeProvider>(clock), extraArgs: smtp.Arguments());
        var visitor = new NewsroomClient(server);

        await AskAsync(visitor, DemoLogins.Reporter.Email);
        var link = (await smtp.WaitForAsync(DemoLogins.Reporter.Email, "Reset your password")).Link("/newsroom/set-password").PathAndQuery;
        clock.Advance(TimeSpan.FromMinutes(59));
        var withinTheHour = await visitor.GetDocumentAsync(link);
        clock.Advance(TimeSpan.FromMinutes(2));
        var afterIt = await visitor.GetDocumentAsync(link);

        Assert.NotNull(withinTheHour.QuerySelector("input[name=Password]"));
        Assert.Null(afterIt.QuerySelector("input[name=Password]"));
        Assert.StartsWith("This link has expired", afterIt.QuerySelector("main .errors")!.TextContent.Trim());
    }
}
