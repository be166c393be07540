using Masthead.Core.Audit;
using Masthead.Core.Events;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.People;

public sealed class StaffService(MastheadDb db, TimeProvider time)
{
    /// <summary>The staff page, in masthead order: active staff, less invitees who have not yet chosen a password.</summary>
    public Task<List<StaffProfile>> ListActiveAsync(CancellationToken cancellationToken = default) =>
        Profiles(db.ListedStaff().OrderBy(s => s.Position).ThenBy(s => s.Name)).ToListAsync(cancellationToken);

    /// <summary>Anyone who has ever had a byline keeps an author page, active or not; an invitee without one has none yet.</summary>
    public Task<StaffProfile?> GetBySlugAsync(string slug, CancellationToken cancellationToken = default) =>
        Profiles(db.AuthorsWithPages().Where(s => s.Slug == slug)).SingleOrDefaultAsync(cancellationToken);

    /// <exception cref="ValidationException">The name or slug is taken, or a field breaks <see cref="StaffProfileRules"/>.</exception>
    public async Task<int> CreateAsync(StaffInput input, CancellationToken cancellationToken = default)
    {
        var slug = string.IsNullOrWhiteSpace(input.Slug) ? Slugs.Slugify(input.Name) : input.Slug.Trim();
        StaffProfileRules.Check(new ProfileInput(input.Name, input.JobTitle, input.Bio, input.PhotoUrl, input.PublicEmail));
        var member = new StaffMember
        {
            Slug = slug,
            Name = input.Name.Trim(),
            JobTitle = input.JobTitle.Trim(),
            Bio = input.Bio.Trim(),
            PhotoUrl = StaffProfileRules.Blank(input.PhotoUrl),
            PublicEmail = StaffProfileRules.Blank(input.PublicEmail),
            Role = input.Role,
        };
        await db.InTransactionAsync(async () =>
        {
            await db.LockNewsroomAsync(cancellationToken);
            await DemandNameFreeAsync(member.Name, null, cancellationToken);
            if (!Slugs.IsValid(slug) || await db.Staff.AnyAsync(s => s.Slug == slug, cancellationToken))
            {
                throw ValidationException.For(nameof(input.Slug), $"The slug '{slug}' is not valid or is already used by someone else.");
            }

            member.Position = (await db.Staff.Select(s => (int?)s.Position).MaxAsync(cancellationToken) ?? -1) + 1;
            db.Staff.Add(member);
            db.Raise(new SiteChanged(SiteArea.Staff));
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return member.Id;
    }

    /// <summary>A profile for its editor: each person may edit their own, administrators anyone's.</summary>
    public async Task<StaffProfile> GetForEditingAsync(Actor actor, int staffMemberId, CancellationToken cancellationToken = default)
    {
        DemandMayEdit(actor, staffMemberId);
        return await Profiles(db.Staff.Where(s => s.Id == staffMemberId)).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no staff member {staffMemberId}.");
    }

    /// <summary>
    /// Changes what bylines, author pages and the staff page show; the slug and role stay as they are. A new name must
    /// not look like anyone else's on the staff, and the audit log keeps the old name and the new.
    /// </summary>
    public async Task UpdateProfileAsync(Actor actor, int staffMemberId, ProfileInput input, CancellationToken cancellationToken = default)
    {
        DemandMayEdit(actor, staffMemberId);
        StaffProfileRules.Check(input);
        await db.InTransactionAsync(async () =>
        {
            await db.LockNewsroomAsync(cancellationToken);
            var member = await db.Staff.SingleOrDefaultAsync(s => s.Id == staffMemberId, cancellationToken)
                ?? throw new NotFoundException($"There is no staff member {staffMemberId}.");

            var changed = new List<string>();
            void Set(string field, string? current, string? value, Action<string?> assign)
            {
                if (current != value)
                {
                    assign(value);
                    changed.Add(field);
                }
            }

            var formerName = member.Name;
            Set("name", member.Name, input.Name.Trim(), v => member.Name = v!);
            Set("job title", member.JobTitle, input.JobTitle.Trim(), v => member.JobTitle = v!);
            Set("bio", member.Bio, input.Bio.Trim(), v => member.Bio = v!);
            Set("photo", member.PhotoUrl, StaffProfileRules.Blank(input.PhotoUrl), v => member.PhotoUrl = v);
            Set("public email", member.PublicEmail, StaffProfileRules.Blank(input.PublicEmail), v => member.PublicEmail = v);
            if (changed.Count == 0)
            {
                return;
            }

            var now = time.GetUtcNow().UtcDateTime;
            if (member.Name != formerName)
            {
                await DemandNameFreeAsync(member.Name, member.Id, cancellationToken);
                db.Record(now, actor, AuditActions.Renamed, details: $"{formerName} → {member.Name}");
            }

            db.Record(now, actor, AuditActions.ProfileChanged, details: $"{formerName}: {string.Join(", ", changed)}");
            db.Raise(new SiteChanged(SiteArea.Staff));
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Refuses <paramref name="name"/> when someone else on the staff, active or not, has a name readers could take
    /// for it (<see cref="StaffNames.KeyOf"/>). The staff is small, so every name is compared; the caller holds
    /// <see cref="NewsroomLock"/>, so no one else is named at the same moment.
    /// </summary>
    /// <param name="self">The staff member being renamed, whose own name does not count.</param>
    private async Task DemandNameFreeAsync(string name, int? self, CancellationToken cancellationToken)
    {
        var key = StaffNames.KeyOf(name);
        var others = await db.Staff.Where(s => s.Id != self).Select(s => s.Name).ToListAsync(cancellationToken);
        if (others.Any(other => StaffNames.KeyOf(other) == key))
        {
            throw ValidationException.For(nameof(ProfileInput.Name),
                "Someone on the staff already has this name, or one too like it for readers to tell apart. Add a middle initial, say.");
        }
    }

    private static void DemandMayEdit(Actor actor, int staffMemberId) =>
        Permissions.Demand(actor.StaffId == staffMemberId || Permissions.CanAdminister(actor), "edit other people's profiles");

    private static IQueryable<StaffProfile> Profiles(IQueryable<StaffMember> staff) =>
        staff.AsNoTracking().Select(s => new StaffProfile(s.Id, s.Slug, s.Name, s.JobTitle, s.Bio, s.PhotoUrl, s.PublicEmail));
}
