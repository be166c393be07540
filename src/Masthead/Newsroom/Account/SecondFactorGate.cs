namespace Masthead.Newsroom.Account;

/// <summary>
/// Where the publication requires a second factor of Editors and Administrators, someone signed in without one yet
/// (with only their password, before they set one up, or when the rule came in after they signed in) reaches
/// nothing in the newsroom but the pages that set one up, and signing out: every other page and every handler, read
/// or write, is refused, whatever it is and however it is asked for.
/// </summary>
public static class SecondFactorGate
{
    private static readonly string[] Open =
    [
        SecurityPage.Path, // and the authenticator app's set-up page below it
        "/newsroom/sign-out",
        "/newsroom/sign-in",
        "/newsroom/set-password",
        "/newsroom/setup",
    ];

    public static IApplicationBuilder UseSecondFactorGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/newsroom") || context.User.Identity?.IsAuthenticated != true || Open.Any(open => path.StartsWithSegments(open)))
        {
            await next();
            return;
        }

        var staff = context.RequestServices.GetRequiredService<CurrentStaff>();
        if (await staff.GetAsync(context.User, context.RequestAborted) is null || !staff.MustSetUpSecondFactor)
        {
            await next();
            return;
        }

        context.Response.Headers.CacheControl = "no-cache, no-store";
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Redirect(SecurityPage.Path);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync($"Set up a second factor first, at {SecurityPage.Path}: the publication requires one of Editors and Administrators.");
    });
}
