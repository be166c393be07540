using System.Threading.RateLimiting;
using Masthead.Core.People;
using Masthead.Core.SignIn;
using Masthead.Core.Storage;
using Masthead.Hosting;
using Masthead.Newsroom.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Masthead.Newsroom;

public static class NewsroomSetup
{
    public const string SignInLimit = "sign-in";

    public static IServiceCollection AddNewsroom(this IServiceCollection services, MastheadOptions options)
    {
        services.AddIdentityCore<StaffAccount>(identity =>
            {
                // Long passphrases over composition rules, as NIST SP 800-63B advises.
                identity.Password.RequiredLength = 10;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                // No lockout, which anyone who knows an address could trigger: Core/SignIn/SignInThrottle.cs slows guessing instead.
                identity.Lockout.AllowedForNewUsers = false;
                identity.User.RequireUniqueEmail = true;
                identity.Tokens.PasswordResetTokenProvider = SetPasswordTokenProvider.Name;
                identity.Tokens.ChangeEmailTokenProvider = EmailChangeTokenProvider.ProviderName;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<MastheadDb>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ForgottenPasswordTokenProvider>(PasswordResetService.TokenProvider)
            .AddTokenProvider<EmailChangeTokenProvider>(EmailChangeTokenProvider.ProviderName)
            .AddTokenProvider<SetPasswordTokenProvider>(SetPasswordTokenProvider.Name);
        services.Configure<DataProtectionTokenProviderOptions>(tokens => tokens.TokenLifespan = TimeSpan.FromDays(7));
        // Passkeys for this site's own host (the relying party is the host the browser sees), with the device's lock
        // (fingerprint, face or PIN) required, which makes a passkey enough to sign in on its own.
        services.Configure<IdentityPasskeyOptions>(passkeys => passkeys.UserVerificationRequirement = "required");
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies(cookies =>
        {
            // Identity keeps a passkey ceremony's challenge in this cookie between the options and the browser's answer.
            cookies.TwoFactorUserIdCookie!.Configure(ceremony =>
            {
                ceremony.Cookie.Name = "masthead.passkey";
                ceremony.Cookie.Path = "/newsroom";
                ceremony.Cookie.HttpOnly = true;
                ceremony.Cookie.SameSite = SameSiteMode.Strict;
                ceremony.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            });
            cookies.ApplicationCookie!.Configure(cookie =>
            {
                cookie.LoginPath = "/newsroom/sign-in";
                cookie.LogoutPath = "/newsroom/sign-out";
                cookie.Cookie.Name = "masthead.staff";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = StaffSessionService.IdleTimeout;
                cookie.SlidingExpiration = true;
                // Every request checks the session the cookie names (in place of Identity's half-hourly security stamp check).
                cookie.Events.OnValidatePrincipal = StaffSignIn.ValidateSessionAsync;
                // The rules, not role policies, refuse actions; should a policy ever refuse, answer 403 in place like they do.
                cookie.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        });
        services.AddAuthorization();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "masthead.antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // Flash messages and one-time set-password links travel in this cookie between a post and its redirect.
        services.Configure<CookieTempDataProviderOptions>(tempData =>
        {
            tempData.Cookie.Name = "masthead.tempdata";
            tempData.Cookie.HttpOnly = true;
            tempData.Cookie.SameSite = SameSiteMode.Lax;
            tempData.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<RazorPagesOptions>(pages =>
        {
            pages.Conventions.AuthorizeFolder("/Newsroom");
            pages.Conventions.ConfigureFilter(new NewsroomErrors());
        });
        services.AddScoped<CurrentStaff>();
        services.AddSingleton<Import.ImportJobs>();
        services.AddScoped<StaffSignIn>();
        services.AddSingleton<KnownBrowsers>();
        services.AddSingleton<PendingSignIns>();
        services.AddScoped<PasskeyCeremonies>();
        services.AddSingleton<Presence.ArticlePresence>();
        services.AddHostedService<ScheduledPublisher>();
        services.AddHostedService<FrontPage.PinExpiry>();
        services.AddRateLimiter(limits =>
        {
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limits.AddPolicy(SignInLimit, context => PostsPerClient(context, options.RateLimits.SignInsPerMinute, TimeSpan.FromMinutes(1)));
        });
        return services;
    }

    public static WebApplication UseNewsroom(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseSecondFactorGate();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Limits form posts per client address; reading the page is never limited.</summary>
    private static RateLimitPartition<string> PostsPerClient(HttpContext context, int permits, TimeSpan window) =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("read");
}
