using System.Net;
using Masthead.Core.Mail;
using Masthead.Core.Storage;
using Masthead.Testing;
using Masthead.Tests.Newsroom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Mail;

/// <summary>A new sign-in address is confirmed by a link sent to it, and the old address is told.</summary>
public sealed class EmailChangeTests(MailSiteFixture site) : IClassFixture<MailSiteFixture>
{
    private MastheadServer Server => site.Server;
    private TestSmtpServer Smtp => site.Smtp;

    [Fact]
    public async Task The_change_is_made_when_the_link_sent_to_the_new_address_is_followed_and_the_old_address_is_told()
    {
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        using var asked = await reporter.SubmitAsync("/newsroom/account/email", "form.change-email", new()
        {
            ["NewEmail"] = "tobias@wren.example",
            ["Password"] = DemoLogins.Reporter.Password,
        });
        var confirmation = await Smtp.WaitForAsync("tobias@wren.example", "Confirm your new sign-in address");
        var link = confirmation.Link("/newsroom/account/email/confirm").PathAndQuery;
        using var stillOld = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);

        var visitor = new NewsroomClient(Server);
        var opened = await visitor.GetDocumentAsync(link);
        using var confirmed = await visitor.SubmitAsync(link, "form.confirm-email", []);
        var done = await confirmed.ParseAsync();
        var told = await Smtp.WaitForAsync(DemoLogins.Reporter.Email, "Your sign-in address was changed");

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains("instead of tobias-wren@larkmoorlantern.example", confirmation.Text);
        Assert.Contains("Sign in with tobias@wren.example from now on?", opened.QuerySelector("main")!.TextContent);
        Assert.Equal("You sign in with tobias@wren.example from now on.", done.QuerySelector(".email-changed")!.TextContent);
        Assert.Contains("it signs in with tobias@wren.example now", told.Text);
        using var signedIn = await NewsroomClient.SignInAsync(Server, ("tobias@wren.example", DemoLogins.Reporter.Password));
        await Assert.ThrowsAsync<InvalidOperationException>(() => NewsroomClient.SignInAsync(Server, DemoLogins.Reporter));
        var again = await visitor.GetDocumentAsync(link);
        Assert.Null(again.QuerySelector("form.confirm-email"));
        var profile = await signedIn.GetDocumentAsync($"/newsroom/staff/{await StaffIdAsync("tobias-wren")}");
        Assert.Equal("tobias@wren.example", profile.QuerySelector(".sign-in-email .current-email")!.TextContent);
    }

    [Fact]
    public async Task A_wrong_password_a_taken_address_or_the_same_address_is_refused_and_nothing_is_sent()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        var wrong = await AskAsync(editor, "anaya@elsewhere.example", "not it");
        var taken = await AskAsync(editor, DemoLogins.Contributor.Email, DemoLogins.Editor.Password);
        var same = await AskAsync(editor, DemoLogins.Editor.Email, DemoLogins.Editor.Password);

        Assert.StartsWith("That is not your password.", wrong.QuerySelector("[data-valmsg-for=Password]")!.TextContent);
        Assert.Equal("anaya@elsewhere.example", wrong.QuerySelector("input[name=NewEmail]")!.GetAttribute("value"));
        Assert.Equal("Another staff account signs in with that address.", taken.QuerySelector("[data-valmsg-for=NewEmail]")!.TextContent);
        Assert.Equal("That is the address you sign in with already.", same.QuerySelector("[data-valmsg-for=NewEmail]")!.TextContent);
        Assert.Empty(await site.OutboxAsync(MailKind.EmailChangeConfirmation, "anaya@elsewhere.example"));
        Assert.Empty(await site.OutboxAsync(MailKind.EmailChangeConfirmation, DemoLogins.Contributor.Email));
    }

    private static async Task<AngleSharp.Dom.IDocument> AskAsync(NewsroomClient client, string newEmail, string password)
    {
        using var response = await client.SubmitAsync("/newsroom/account/email", "form.change-email", new() { ["NewEmail"] = newEmail, ["Password"] = password });
        return await response.ParseAsync();
    }

    private Task<int> StaffIdAsync(string slug) => Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Staff.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync());
}
