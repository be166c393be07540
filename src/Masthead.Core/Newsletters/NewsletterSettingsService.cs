using Masthead.Core.Audit;
using Masthead.Core.Events;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Newsletters;

public sealed record NewsletterInput(string? Name, string? Description, NewsletterSchedule Schedule, int SendHour, DayOfWeek SendDay,
    IReadOnlyCollection<int> SectionIds, bool IsActive, bool IsDefault);

/// <summary>Editors make newsletters and change them: name, description, schedule, and which sections feed them.</summary>
public sealed class NewsletterSettingsService(MastheadDb db, TimeProvider time)
{
    /// <returns>The newsletter's id.</returns>
    public async Task<int> SaveAsync(Actor actor, int? id, NewsletterInput input, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanSendNewsletters(actor), "change newsletters");
        var name = Mail.MailQueue.OneLine(input.Name, int.MaxValue);
        var problems = new Dictionary<string, string>();
        if (name.Length == 0 || name.Length > Newsletter.MaxNameLength)
        {
            problems["Name"] = $"Give it a name of at most {Newsletter.MaxNameLength} characters.";
        }

        if ((input.Description ?? "").Length > Newsletter.MaxDescriptionLength)
        {
            problems["Description"] = $"A description is at most {Newsletter.MaxDescriptionLength} characters.";
        }

        if (input.SendHour is < 0 or > 23 || !Enum.IsDefined(input.Schedule) || !Enum.IsDefined(input.SendDay))
        {
            problems["Schedule"] = "Choose a schedule, an hour and a day from those offered.";
        }

        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
        }

        var sections = await db.Sections.Where(s => input.SectionIds.Contains(s.Id)).Select(s => s.Id).OrderBy(s => s).ToListAsync(cancellationToken);
        var newsletter = id is null ? null : await db.Newsletters.SingleOrDefaultAsync(n => n.Id == id, cancellationToken) ?? throw new NotFoundException("No such newsletter.");
        if (newsletter is null)
        {
            var slug = Slugs.Slugify(name) is { Length: > 0 } made ? made[..Math.Min(made.Length, 50)] : "newsletter";
            var taken = await db.Newsletters.Where(n => n.Slug.StartsWith(slug)).Select(n => n.Slug).ToListAsync(cancellationToken);
            var unique = slug;
            for (var n = 2; taken.Contains(unique); n++)
            {
                unique = $"{slug}-{n}";
            }

            var position = await db.Newsletters.MaxAsync(n => n.Position, cancellationToken) + 1;
            newsletter = new Newsletter { Slug = unique, Name = name, Kind = NewsletterKind.Briefing, Position = position };
            db.Newsletters.Add(newsletter);
        }

        newsletter.Name = name;
        newsletter.Description = (input.Description ?? "").Trim();
        newsletter.Schedule = newsletter.Kind == NewsletterKind.Alerts ? NewsletterSchedule.None : input.Schedule;
        newsletter.SendHour = input.SendHour;
        newsletter.SendDay = input.SendDay;
        newsletter.SectionIds = string.Join(',', sections);
        newsletter.IsActive = input.IsActive;
        newsletter.IsDefault = input.IsDefault;
        db.Record(time.GetUtcNow().UtcDateTime, actor, AuditActions.NewsletterChanged, details: name);
        db.Raise(new SiteChanged(SiteArea.Newsletters)); // the Content API's list of them, cached, on every node
        await db.SaveChangesAsync(cancellationToken);
        return newsletter.Id;
    }
}
