using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Newsroom.Account;

/// <summary>Ends this browser's session on the server, so its cookie is refused from now on, wherever it is replayed.</summary>
public sealed class SignOutPage(StaffSignIn staffSignIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/newsroom");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await staffSignIn.SignOutAsync(HttpContext, cancellationToken);
        return Redirect("/newsroom/sign-in");
    }
}
