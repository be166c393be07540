using System.Globalization;
using System.Security.Claims;
using Masthead.Core.People;
using Masthead.Core.SignIn;
using Masthead.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Masthead.Newsroom.Account;

/// <summary>
/// Staff sessions in the browser. The staff cookie carries a claim naming its session on the server
/// (Core/SignIn/StaffSessionService); every request that carries the cookie is checked against that session, so a
/// session ended on the server is refused at once, however valid the cookie still looks.
/// </summary>
public sealed class StaffSignIn(SignInManager<StaffAccount> signIn, StaffSessionService sessions, KnownBrowsers browsers)
{
    /// <summary>
    /// Signs the browser in to an account whose sign-in is complete: the password and the second factor checked, or a
    /// passkey alone. Opens the session, sets the cookie and remembers the browser. <paramref name="how"/> says what
    /// the person gave, for the audit log ("password", "password and authenticator app", "passkey"...).
    /// </summary>
    public async Task StartSessionAsync(HttpContext http, int accountId, string how, CancellationToken cancellationToken)
    {
        var account = await signIn.UserManager.FindByIdAsync(accountId.ToString(CultureInfo.InvariantCulture))
            ?? throw new InvalidOperationException($"There is no staff account {accountId}.");
        var secret = await sessions.StartAsync(accountId, http.Request.Headers.UserAgent.ToString(), http.Connection.RemoteIpAddress, how, cancellationToken);
        await signIn.SignInWithClaimsAsync(account, isPersistent: false, [new Claim(StaffSessionService.ClaimType, secret)]);
        browsers.Remember(http, accountId);
        PendingSignIns.End(http);
    }

    /// <summary>Where to go once signed in: the newsroom page the person was sent away from, or the dashboard.</summary>
    public static string ReturnPath(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl.StartsWith("/newsroom", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/newsroom/sign-", StringComparison.Ordinal) && !returnUrl.Contains('\\', StringComparison.Ordinal)
            ? returnUrl
            : "/newsroom";

    /// <summary>Ends this browser's session on the server, then drops its cookie.</summary>
    public async Task SignOutAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (SessionOf(http.User) is { } secret)
        {
            await sessions.SignOutAsync(secret, cancellationToken);
        }

        await signIn.SignOutAsync();
    }

    /// <summary>The secret naming the session of a signed-in request.</summary>
    public static string? SessionOf(ClaimsPrincipal user) => user.FindFirstValue(StaffSessionService.ClaimType);

    /// <summary>The staff cookie's check on every request that carries it: its session must still be open.</summary>
    public static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var principal = context.Principal;
        var secret = principal is null ? null : SessionOf(principal);
        var account = principal?.FindFirstValue(services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.UserIdClaimType);
        bool open;
        try
        {
            open = secret is not null && int.TryParse(account, CultureInfo.InvariantCulture, out var accountId)
                && await services.GetRequiredService<StaffSessionCache>().IsOpenAsync(secret, accountId, context.HttpContext.RequestAborted);
        }
        catch (Exception failure) when (DatabaseOutage.Is(failure) && !context.Request.Path.StartsWithSegments("/newsroom"))
        {
            // Reader pages need no session: serve this one as to anyone rather than fail it. The newsroom answers 503.
            context.RejectPrincipal();
            return;
        }

        if (!open)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
