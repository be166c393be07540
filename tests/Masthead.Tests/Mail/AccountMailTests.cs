using System.Net;
using Masthead.Core.Mail;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Masthead.Tests.Mail;

/// <summary>Invitations and set-password links by email, and what every message is made of: headers, parts, names in any script, DKIM.</summary>
public sealed class AccountMailTests(MailSiteFixture site) : IClassFixture<MailSiteFixture>
{
    private MastheadServer Server => site.Server;
    private TestSmtpServer Smtp => site.Smtp;

    [Fact]
    public async Task An_invitation_is_emailed_with_a_link_that_lets_the_new_person_choose_a_password_and_sign_in()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        using var invited = await admin.SubmitAsync("/newsroom/staff", "form[action*='handler=Invite']", new()
        {
            ["Invite.Name"] = "Marisol Quade",
            ["Invite.Email"] = "marisol@example.org",
            ["Invite.Role"] = "Reporter",
        });
        var mail = await Smtp.WaitForAsync("marisol@example.org", "You are invited to The Larkmoor Lantern newsroom");
        var link = mail.Link("/newsroom/set-password");
        var shown = (await admin.GetDocumentAsync("/newsroom/staff")).QuerySelector(".set-password-link")!.GetAttribute("value");
        var newcomer = new NewsroomClient(Server);
        using var chosen = await newcomer.SubmitAsync(link.PathAndQuery, "main form", new() { ["Password"] = "a river of words runs", ["Confirm"] = "a river of words runs" });

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.Equal(MailSiteFixture.BaseUrl, link.GetLeftPart(UriPartial.Authority));
        Assert.Equal(link.ToString(), shown); // the page still shows the same link, for a newsroom without mail
        Assert.Contains("Delphine Marrow has invited you to The Larkmoor Lantern newsroom, as a reporter.", mail.Text);
        Assert.Contains("The link works once, for seven days.", mail.Text);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        using var signedIn = await NewsroomClient.SignInAsync(Server, ("marisol@example.org", "a river of words runs"));
    }

    [Fact]
    public async Task An_administrators_set_password_link_is_emailed_to_the_person()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        var id = await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Staff.Where(s => s.Slug == "tobias-wren").Select(s => s.Id).SingleAsync());

        using var issued = await admin.SubmitAsync("/newsroom/staff", $"form[action*='handler=Link']:has(input[name=id][value='{id}'])", []);
        var mail = await Smtp.WaitForAsync(DemoLogins.Reporter.Email, "Choose a password for The Larkmoor Lantern newsroom");
        var shown = (await admin.GetDocumentAsync("/newsroom/staff")).QuerySelector(".set-password-link")!.GetAttribute("value");

        Assert.Equal(shown, mail.Link("/newsroom/set-password").ToString());
        Assert.Contains("only until another link is sent to you", mail.Text);
    }

    [Fact]
    public async Task A_message_has_its_headers_a_text_and_an_html_part_names_in_any_script_and_a_dkim_signature_that_verifies()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        using var invited = await admin.SubmitAsync("/newsroom/staff", "form[action*='handler=Invite']", new()
        {
            ["Invite.Name"] = "Zoë Ångström-Łukasiewicz",
            ["Invite.Email"] = "zoe@example.org",
            ["Invite.Role"] = "Editor",
        });

        var mail = await Smtp.WaitForAsync("zoe@example.org", "You are invited");
        var message = mail.Message;
        var headers = System.Text.Encoding.ASCII.GetString(mail.Raw).Split("\r\n\r\n")[0];

        Assert.Equal("The Larkmoor Lantern", message.From.Mailboxes.Single().Name);
        Assert.Equal("newsroom@larkmoorlantern.example", message.From.Mailboxes.Single().Address);
        Assert.Equal("Zoë Ångström-Łukasiewicz", message.To.Mailboxes.Single().Name);
        Assert.Contains("=?utf-8?", headers, StringComparison.OrdinalIgnoreCase); // the name travels as RFC 2047 encoded words
        Assert.DoesNotContain("Zoë", headers, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}@larkmoorlantern.example$", message.MessageId);
        Assert.True((DateTimeOffset.UtcNow - message.Date).Duration() < TimeSpan.FromHours(1));
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(part => part.ContentType.MimeType));
        Assert.All(alternative.OfType<TextPart>(), part => Assert.Equal("utf-8", part.ContentType.Charset, ignoreCase: true));
        Assert.Contains("Hello Zoë Ångström-Łukasiewicz,", mail.Text);
        Assert.Contains("<p>Hello Zoë Ångström-Łukasiewicz,</p>", mail.Html);
        Assert.Equal(1, message.Headers.Count(h => h.Id == HeaderId.DkimSignature));
        var signature = message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)];
        Assert.Contains($"d={MailSiteFixture.DkimDomain}", signature.Value);
        Assert.Contains($"s={MailSiteFixture.DkimSelector}", signature.Value);
        Assert.True(await new DkimVerifier(new PublishedKey(site.DkimRecord)).VerifyAsync(message, signature));
        message.Subject += " (changed on the way)";
        Assert.False(await new DkimVerifier(new PublishedKey(site.DkimRecord)).VerifyAsync(message, signature));
    }

    [Fact]
    public async Task An_outbox_message_is_stored_in_the_same_transaction_as_the_change_and_not_at_all_when_it_fails()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        // The address is taken: the invitation is refused, so no account and no message.
        using var refused = await admin.SubmitAsync("/newsroom/staff", "form[action*='handler=Invite']", new()
        {
            ["Invite.Name"] = "Somebody Else",
            ["Invite.Email"] = DemoLogins.Editor.Email,
            ["Invite.Role"] = "Reporter",
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Empty(await site.OutboxAsync(MailKind.Invitation, DemoLogins.Editor.Email));
    }

    /// <summary>The DKIM key as the signing domain's DNS would publish it.</summary>
    private sealed class PublishedKey(string record) : DkimPublicKeyLocatorBase
    {
        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            GetPublicKey(record);

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(GetPublicKey(record));
    }
}
