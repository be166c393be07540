using System.Net;
using AngleSharp.Dom;
using Masthead.Testing;

namespace Masthead.Tests.Newsletters;

/// <summary>What a reader does: signs up on a page's form, confirms from the email, opens the links in it.</summary>
internal static class ReaderSteps
{
    public const string ConfirmSubject = "Confirm your subscription to The Larkmoor Lantern";

    /// <summary>Signs up with the form on <paramref name="page"/> matched by <paramref name="form"/>.</summary>
    public static async Task<HttpResponseMessage> SignUpAsync(MastheadServer server, string email, string? name = null, string page = "/newsletter",
        string form = "form.newsletter-form", Dictionary<string, string>? extra = null)
    {
        var reader = new NewsroomClient(server);
        var values = new Dictionary<string, string> { ["Email"] = email, ["Name"] = name ?? "" };
        foreach (var (key, value) in extra ?? [])
        {
            values[key] = value;
        }

        return await reader.SubmitAsync(page, form, values);
    }

    /// <summary>Signs up, opens the confirmation link from the email and presses its button.</summary>
    public static async Task<ReceivedMail> SignUpAndConfirmAsync(MastheadServer server, TestSmtpServer smtp, string email, string? name = null)
    {
        using var signedUp = await SignUpAsync(server, email, name);
        Assert.Equal(HttpStatusCode.Redirect, signedUp.StatusCode);
        var mail = await smtp.WaitForAsync(email, ConfirmSubject);
        using var confirmed = await PressAsync(server, mail.Link("/newsletter/confirm/").AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return mail;
    }

    /// <summary>Opens a reader's link and presses the page's one button, as a person would.</summary>
    public static async Task<HttpResponseMessage> PressAsync(MastheadServer server, string path)
    {
        var reader = new NewsroomClient(server);
        return await reader.SubmitAsync(path, "main form[method=post]", []);
    }

    public static async Task<IDocument> ReadAsync(HttpResponseMessage response) => await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());
}
