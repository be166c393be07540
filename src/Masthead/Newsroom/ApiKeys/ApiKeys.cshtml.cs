using Masthead.Core.ContentApi;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.ApiKeys;

/// <summary>
/// Administrators create and revoke the keys apps and front ends use to read the Content API, and the Admin API keys
/// tools built for Ghost use to write, each acting with the role the administrator chose.
/// </summary>
public sealed class ApiKeysPage(ContentApiKeyService keys) : NewsroomPage
{
    public IReadOnlyList<ContentApiKeyView> Keys { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    /// <summary>Null for a Content API key; the role an Admin API key acts with.</summary>
    [BindProperty]
    public Core.People.NewsroomRole? AdminRole { get; set; }

    /// <summary>The address an app would start from, with the newest active key.</summary>
    public string? Example { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            var key = AdminRole is { } role
                ? await keys.CreateAdminAsync(Actor, Name ?? "", role, cancellationToken)
                : await keys.CreateAsync(Actor, Name ?? "", cancellationToken);
            Flash = $"The key “{key.Name}” is ready: {key.Secret}. It is listed below too.";
            return Redirect("/newsroom/api-keys");
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems);
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            var key = await keys.RevokeAsync(Actor, id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            Flash = $"The key “{key.Name}” is revoked; apps using it are refused from now on.";
            return Redirect("/newsroom/api-keys");
        }
        catch (WorkflowException refused)
        {
            ModelState.AddModelError("", refused.Message);
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Keys = await keys.ListAsync(Actor, cancellationToken);
        if (Keys.FirstOrDefault(k => k.IsActive) is { } active)
        {
            Example = $"{Hosting.PublicAddress.BaseUrl(Request, Publication)}/ghost/api/content/posts/?key={active.Secret}";
        }
    }
}
