using Masthead.Core.People;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Staff;

/// <summary>
/// What readers see of a staff member: name, job title, bio, photo and public email. Everyone edits their own
/// ("My profile"); administrators edit anyone's. The slug, and so the author page's address, never changes here.
/// </summary>
public sealed class ProfileEditorPage(StaffService staff) : NewsroomPage
{
    public StaffProfile Person { get; private set; } = null!;

    [BindProperty]
    public ProfileForm Form { get; set; } = new();

    public bool IsOwn => Actor.StaffId == Person.Id;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Person = await staff.GetForEditingAsync(Actor, id, cancellationToken);
        Form = ProfileForm.From(Person);
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        Person = await staff.GetForEditingAsync(Actor, id, cancellationToken);
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
