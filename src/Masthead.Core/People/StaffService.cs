using Masthead.Core.Events;
using Masthead.Core.Storage;
using Masthead.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.People;

public sealed class StaffService(MastheadDb db, IEventPublisher events)
{
    /// <summary>Active staff in masthead order.</summary>
    public Task<List<StaffProfile>> ListActiveAsync(CancellationToken cancellationToken = default) =>
        Profiles(db.Staff.Where(s => s.IsActive).OrderBy(s => s.Position).ThenBy(s => s.Name)).ToListAsync(cancellationToken);

    /// <summary>Anyone who has ever had a byline keeps an author page, active or not.</summary>
    public Task<StaffProfile?> GetBySlugAsync(string slug, CancellationToken cancellationToken = default) =>
        Profiles(db.Staff.Where(s => s.Slug == slug)).SingleOrDefaultAsync(cancellationToken);

    public async Task<int> CreateAsync(StaffInput input, CancellationToken cancellationToken = default)
    {
        var slug = string.IsNullOrWhiteSpace(input.Slug) ? Slugs.Slugify(input.Name) : input.Slug.Trim();
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            throw ValidationException.For(nameof(input.Name), "A staff member needs a name.");
        }

        if (!Slugs.IsValid(slug) || await db.Staff.AnyAsync(s => s.Slug == slug, cancellationToken))
        {
            throw ValidationException.For(nameof(input.Slug), $"The slug '{slug}' is not valid or is already used by someone else.");
        }

        var position = await db.Staff.Select(s => (int?)s.Position).MaxAsync(cancellationToken) ?? -1;
        var member = new StaffMember
        {
            Slug = slug,
            Name = input.Name.Trim(),
            JobTitle = input.JobTitle.Trim(),
            Bio = input.Bio.Trim(),
            PhotoUrl = input.PhotoUrl,
            PublicEmail = string.IsNullOrWhiteSpace(input.PublicEmail) ? null : input.PublicEmail.Trim(),
            Position = position + 1,
            Role = input.Role,
        };
        db.Staff.Add(member);
        await db.SaveChangesAsync(cancellationToken);
        await events.PublishAsync(new SiteChanged("staff"), cancellationToken);
        return member.Id;
    }

    private static IQueryable<StaffProfile> Profiles(IQueryable<StaffMember> staff) =>
        staff.AsNoTracking().Select(s => new StaffProfile(s.Id, s.Slug, s.Name, s.JobTitle, s.Bio, s.PhotoUrl, s.PublicEmail));
}
