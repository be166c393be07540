using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Masthead.SecurityHeaders;

/// <summary>
/// Security headers on every answer: a strict Content-Security-Policy (see <see cref="ContentSecurityPolicies"/>),
/// framing rules, nosniff, a referrer policy, HSTS over https, and no Server header naming what answers.
/// </summary>
public static class SecurityHeadersSetup
{
    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services)
    {
        services.AddSingleton<ContentSecurityPolicies>();
        services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        // Antiforgery would add its own X-Frame-Options to pages with a form, and only to those.
        services.Configure<AntiforgeryOptions>(antiforgery => antiforgery.SuppressXFrameOptionsHeader = true);
        return services;
    }

    /// <summary>Goes before the error pages and the output cache, so their answers get the headers too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.UseMiddleware<SecurityHeadersMiddleware>();
}
