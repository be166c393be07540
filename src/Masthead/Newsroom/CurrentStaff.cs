using System.Security.Claims;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Core.SecondFactors;
using Masthead.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Newsroom;

/// <summary>
/// The signed-in staff member, read from the database on every newsroom request, so a changed role or a
/// deactivation takes effect at once rather than when the cookie expires; and whether they still have to set up the
/// second factor the publication requires of them.
/// </summary>
public sealed class CurrentStaff(MastheadDb db, PublicationService publication, IOptions<IdentityOptions> identity)
{
    private Actor? _actor;
    private bool _loaded;

    /// <summary>True when the publication requires a second factor of the signed-in person and they have none yet.</summary>
    public bool MustSetUpSecondFactor { get; private set; }

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

        var row = await db.Users.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new
            {
                a.StaffMember,
                HasSecondFactor = db.StaffAuthenticators.Any(x => x.StaffAccountId == a.Id && x.ConfirmedAt != null) || db.UserPasskeys.Any(p => p.UserId == a.Id),
            })
            .SingleOrDefaultAsync(cancellationToken);
        _actor = row?.StaffMember is { IsActive: true } member ? Actor.For(member) : null;
        MustSetUpSecondFactor = _actor is not null && !row!.HasSecondFactor
            && SecondFactorService.IsRequiredFor(_actor, await publication.GetAsync(cancellationToken));
        return _actor;
    }
}
