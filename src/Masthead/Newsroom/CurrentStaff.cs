using System.Security.Claims;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Newsroom;

/// <summary>
/// The signed-in staff member, read from the database on every newsroom request, so a changed role or a
/// deactivation takes effect at once rather than when the cookie expires.
/// </summary>
public sealed class CurrentStaff(MastheadDb db, IOptions<IdentityOptions> identity)
{
    private Actor? _actor;
    private bool _loaded;

    public async Task<Actor?> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return _actor;
        }

        _loaded = true;
        var claim = user.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType);
        if (!int.TryParse(claim, out var accountId))
        {
            return null;
        }

        var member = await db.Users.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.StaffMember).SingleOrDefaultAsync(cancellationToken);
        _actor = member is { IsActive: true } ? Actor.For(member) : null;
        return _actor;
    }
}
