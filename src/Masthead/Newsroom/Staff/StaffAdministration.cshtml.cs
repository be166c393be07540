using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.SecondFactors;
using Masthead.Core.SignIn;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Staff;

/// <summary>
/// Administrators invite staff, change their roles, deactivate them, sign them out everywhere, issue set-password
/// links, and remove the second factors of someone who lost theirs.
/// </summary>
public sealed class StaffAdministrationPage(StaffAccountService staffAccounts, StaffSessionService sessions, SecondFactorService secondFactors) : NewsroomPage
{
    public IReadOnlyList<StaffAccountView> People { get; private set; } = [];

    [BindProperty]
    public InviteForm Invite { get; set; } = new();

    /// <summary>A fresh one-time link, shown once after the redirect so the administrator can pass it on.</summary>
    [TempData]
    public string? LinkFor { get; set; }

    [TempData]
    public string? Link { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        People = await staffAccounts.ListAsync(Actor, cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        try
        {
            var link = await staffAccounts.InviteAsync(Actor, Invite.Name ?? "", Invite.Email ?? "", Invite.Role, Invite.JobTitle?.Trim() ?? "", cancellationToken);
            Flash = $"{Invite.Name!.Trim()} is invited as {Invite.Role}; the invitation is emailed to {Invite.Email!.Trim()}.";
            return ShowLink(Invite.Name.Trim(), link);
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems, "Invite.");
            People = await staffAccounts.ListAsync(Actor, cancellationToken);
            return Page();
        }
    }

    public Task<IActionResult> OnPostRoleAsync(int id, NewsroomRole role, CancellationToken cancellationToken) =>
        ChangeAsync(id, cancellationToken, async person =>
        {
            Flash = await staffAccounts.ChangeRoleAsync(Actor, id, role, cancellationToken)
                ? $"{person.Name} is now {role}."
                : $"{person.Name} already was {role}; nothing changed.";
        });

    public Task<IActionResult> OnPostActiveAsync(int id, bool active, CancellationToken cancellationToken) =>
        ChangeAsync(id, cancellationToken, async person =>
        {
            var changed = await staffAccounts.SetActiveAsync(Actor, id, active, cancellationToken);
            Flash = (changed, active) switch
            {
                (true, true) => $"{person.Name} can sign in again.",
                (true, false) => $"{person.Name} is deactivated and signed out; their bylines stay.",
                (false, true) => $"{person.Name} already could sign in; nothing changed.",
                (false, false) => $"{person.Name} was already deactivated; nothing changed.",
            };
        });

    public Task<IActionResult> OnPostRemoveSecondFactorsAsync(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, cancellationToken, async person =>
        {
            await secondFactors.RemoveAllAsync(Actor, id, cancellationToken);
            Flash = $"{person.Name}'s second factors and recovery codes are removed: they sign in with their password and set up a new one.";
        });

    public Task<IActionResult> OnPostEndSessionsAsync(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, cancellationToken, async person =>
        {
            var ended = await sessions.EndAllAsync(Actor, id, cancellationToken: cancellationToken);
            Flash = $"{person.Name} is signed out everywhere ({(ended == 1 ? "1 session" : $"{ended} sessions")} ended).";
        });

    public async Task<IActionResult> OnPostLinkAsync(int id, CancellationToken cancellationToken)
    {
        var person = await FindAsync(id, cancellationToken);
        var link = await staffAccounts.ResetLinkAsync(Actor, id, cancellationToken);
        Flash = $"A new set-password link is emailed to {person.Name}; earlier links no longer work.";
        return ShowLink(person.Name, link);
    }

    private async Task<IActionResult> ChangeAsync(int id, CancellationToken cancellationToken, Func<StaffAccountView, Task> change)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var person = await FindAsync(id, cancellationToken);
        try
        {
            await change(person);
        }
        catch (WorkflowException refused)
        {
            ModelState.AddModelError("", refused.Message);
            People = await staffAccounts.ListAsync(Actor, cancellationToken);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return Redirect("/newsroom/staff");
    }

    private async Task<StaffAccountView> FindAsync(int id, CancellationToken cancellationToken) =>
        (await staffAccounts.ListAsync(Actor, cancellationToken)).SingleOrDefault(p => p.Id == id)
        ?? throw new NotFoundException($"There is no staff member {id}.");

    private RedirectResult ShowLink(string name, SetPasswordLink link)
    {
        LinkFor = name;
        Link = Hosting.PublicAddress.BaseUrl(Request, Publication) + link.Path;
        return Redirect("/newsroom/staff");
    }

    public sealed class InviteForm
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? JobTitle { get; set; }
        public NewsroomRole Role { get; set; } = NewsroomRole.Reporter;
    }
}
