using Masthead.Core.Mail;
using Masthead.Core.People;
using Masthead.Core.SignIn;
using Masthead.Newsroom.Account;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Staff;

/// <summary>
/// What readers see of a staff member: name, job title, bio, photo and public email. Everyone edits their own
/// ("My profile"); administrators edit anyone's. The slug, and so the author page's address, never changes here.
/// My own profile also lists where I am signed in, and ends any of those sessions; shows the address I sign in with,
/// with a way to change it; and switches my email notifications on and off.
/// </summary>
public sealed class ProfileEditorPage(StaffService staff, StaffSessionService sessions, NotificationPreferences notifications, SignInEmailService emails) : NewsroomPage
{
    public StaffProfile Person { get; private set; } = null!;

    /// <summary>My open sessions, on my own profile only.</summary>
    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    /// <summary>My notifications and whether each is on, on my own profile only.</summary>
    public IReadOnlyList<NotificationChoice> Notifications { get; private set; } = [];

    /// <summary>The address I sign in with, on my own profile only.</summary>
    public string? SignInEmail { get; private set; }

    [BindProperty]
    public ProfileForm Form { get; set; } = new();

    public bool IsOwn => Actor.StaffId == Person.Id;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        Form = ProfileForm.From(Person);
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        try
        {
            await staff.UpdateProfileAsync(Actor, id, Form.ToInput(), cancellationToken);
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems, "Form.");
            return Page();
        }

        Flash = IsOwn ? "Your profile is saved; the site shows it now." : $"The profile of {Form.Name!.Trim()} is saved; the site shows it now.";
        return Redirect(IsOwn ? $"/newsroom/staff/{id}" : "/newsroom/staff");
    }

    /// <param name="on">The notifications left ticked; every other one the person can get is switched off.</param>
    public async Task<IActionResult> OnPostNotificationsAsync(int id, List<Notification> on, CancellationToken cancellationToken)
    {
        if (id != Actor.StaffId)
        {
            throw new Core.Publishing.ForbiddenException("Each person chooses their own email notifications.");
        }

        await notifications.SaveAsync(Actor, on, cancellationToken);
        Flash = "Your email notifications are saved.";
        return Redirect($"/newsroom/staff/{id}#notifications");
    }

    public async Task<IActionResult> OnPostEndSessionAsync(int id, long session, CancellationToken cancellationToken)
    {
        await sessions.EndAsync(Actor, session, cancellationToken);
        Flash = "That session is signed out; its browser has to sign in again.";
        return Redirect($"/newsroom/staff/{id}");
    }

    public async Task<IActionResult> OnPostEndOtherSessionsAsync(int id, CancellationToken cancellationToken)
    {
        var ended = await sessions.EndAllAsync(Actor, id, StaffSignIn.SessionOf(User), cancellationToken);
        Flash = ended switch
        {
            0 => "You were not signed in anywhere else.",
            1 => "You are signed out of 1 other session.",
            _ => $"You are signed out of {ended} other sessions.",
        };
        return Redirect($"/newsroom/staff/{id}");
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Person = await staff.GetForEditingAsync(Actor, id, cancellationToken);
        if (IsOwn)
        {
            Sessions = await sessions.ListOpenAsync(Actor, id, StaffSignIn.SessionOf(User), cancellationToken);
            Notifications = await notifications.ListAsync(Actor, cancellationToken);
            SignInEmail = await emails.CurrentAsync(Actor, cancellationToken);
        }
    }

    public sealed class ProfileForm
    {
        public string? Name { get; set; }
        public string? JobTitle { get; set; }
        public string? Bio { get; set; }
        public string? PhotoUrl { get; set; }
        public string? PublicEmail { get; set; }

        public static ProfileForm From(StaffProfile profile) => new()
        {
            Name = profile.Name,
            JobTitle = profile.JobTitle,
            Bio = profile.Bio,
            PhotoUrl = profile.PhotoUrl,
            PublicEmail = profile.PublicEmail,
        };

        public ProfileInput ToInput() => new(Name ?? "", JobTitle ?? "", Bio ?? "", PhotoUrl, PublicEmail);
    }
}
