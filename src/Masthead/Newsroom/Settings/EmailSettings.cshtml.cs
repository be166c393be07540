using Masthead.Core.Mail;
using Masthead.Core.Publishing;
using Masthead.Hosting;
using Masthead.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Masthead.Newsroom.Settings;

/// <summary>
/// Settings › Email (administrators): the mail server, set here unless configuration sets it (configuration wins and
/// is only shown); "Send a test email", which reports the server's answer; and the outbox, with every message that is
/// being retried or has failed, and why. The stored password is never sent back to the browser.
/// </summary>
public sealed class EmailSettingsPage(
    MailSettingsService settings,
    MailServers servers,
    MailTester tester,
    MailMessages messages,
    OutboxQueries queries,
    Outbox outbox,
    IOptions<MastheadOptions> options) : NewsroomPage
{
    [BindProperty]
    public EmailForm Form { get; set; } = new();

    [BindProperty]
    public string? TestTo { get; set; }

    /// <summary>What the server answered the last test, shown once after the redirect.</summary>
    [TempData]
    public string? TestAnswer { get; set; }

    [TempData]
    public bool TestSucceeded { get; set; }

    public MailServer? Server { get; private set; }
    public bool HasPassword { get; private set; }
    public bool Configured => servers.IsConfigured;
    public string MailDirectory => options.Value.MailDirectoryFullPath;
    public DkimOptions Dkim => options.Value.Mail.Dkim;
    public bool Signs => messages.Signs;
    public OutboxSummary Summary { get; private set; } = new(0, 0, 0, 0);
    public IReadOnlyList<OutboxEntry> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var stored = await settings.ViewAsync(Actor, cancellationToken);
        Form = EmailForm.From(stored);
        TestTo ??= await OwnAddressAsync(cancellationToken);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            await settings.UpdateAsync(Actor, Form.ToInput(), cancellationToken);
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems, "Form.");
            await LoadAsync(cancellationToken);
            return Page();
        }

        Flash = "The email settings are saved; waiting messages are being sent with them now.";
        return Redirect("/newsroom/settings/email");
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanAdminister(Actor), "send test emails");
        if (!MailboxAddress.TryParse(TestTo?.Trim(), out var to) || string.IsNullOrEmpty(to.Address) || !to.Address.Contains('@', StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(TestTo), "Give the address to send the test message to.");
            Form = EmailForm.From(await settings.ViewAsync(Actor, cancellationToken));
            await LoadAsync(cancellationToken);
            return Page();
        }

        var result = await tester.SendAsync(HttpContext.RequestServices, to, cancellationToken);
        TestAnswer = result.Answer;
        TestSucceeded = result.Succeeded;
        return Redirect("/newsroom/settings/email#test");
    }

    public async Task<IActionResult> OnPostRetryAsync(CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanAdminister(Actor), "retry the outbox");
        var due = await outbox.RetryNowAsync(cancellationToken);
        Flash = due == 0 ? "No message was waiting to be tried again." : $"{due} waiting message{(due == 1 ? " is" : "s are")} being tried again now.";
        return Redirect("/newsroom/settings/email#outbox");
    }

    public async Task<IActionResult> OnPostSendAgainAsync(long id, CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanAdminister(Actor), "send messages again");
        Flash = await outbox.SendAgainAsync(id, cancellationToken) == 0
            ? "That message is no longer among the failed ones; nothing changed."
            : "The message is queued again and is being sent now.";
        return Redirect("/newsroom/settings/email#outbox");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        HasPassword = (await settings.ViewAsync(Actor, cancellationToken)).HasPassword;
        Server = await servers.CurrentAsync(HttpContext.RequestServices, cancellationToken);
        Summary = await queries.SummaryAsync(Actor, cancellationToken);
        Problems = await queries.ProblemsAsync(Actor, cancellationToken: cancellationToken);
    }

    private async Task<string?> OwnAddressAsync(CancellationToken cancellationToken) =>
        await HttpContext.RequestServices.GetRequiredService<Core.People.SignInEmailService>().CurrentAsync(Actor, cancellationToken);

    public sealed class EmailForm
    {
        public string? Host { get; set; }
        public int? Port { get; set; }
        public MailSecurity Security { get; set; } = MailSecurity.StartTls;
        public string? UserName { get; set; }

        /// <summary>A new password; the stored one is never put back in the form.</summary>
        public string? NewPassword { get; set; }

        public bool ForgetPassword { get; set; }
        public string? FromAddress { get; set; }
        public string? FromName { get; set; }

        public static EmailForm From(MailSettingsView view) => new()
        {
            Host = view.Host,
            Port = view.Host.Length > 0 ? view.Port : null,
            Security = view.Security,
            UserName = view.UserName,
            FromAddress = view.FromAddress,
            FromName = view.FromName,
        };

        public MailSettingsInput ToInput() => new(Host, Port, Security, UserName, NewPassword, ForgetPassword, FromAddress, FromName);
    }
}
