using Masthead.Core.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Newsroom.Account;

public sealed class SignOutPage(SignInManager<StaffAccount> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/newsroom");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/newsroom/sign-in");
    }
}
