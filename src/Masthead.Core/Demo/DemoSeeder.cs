using Masthead.Core.Articles;
using Masthead.Core.Live;
using Masthead.Core.Pages;
using Masthead.Core.People;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Masthead.Core.Storage;
using Masthead.Core.Tags;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Demo;

/// <summary>Fills an empty database with the demo publication, dated relative to now so it always looks current.</summary>
public sealed class DemoSeeder(
    MastheadDb db,
    PublicationService publication,
    StaffService staff,
    SectionService sections,
    TagService tags,
    ArticleService articles,
    PublishingService publishing,
    StaticPageService pages,
    LiveService live,
    UserManager<StaffAccount> accounts,
    TimeProvider time)
{
    /// <returns>False when the database already holds content, which is never touched.</returns>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Articles.AnyAsync(cancellationToken) || await db.Staff.AnyAsync(cancellationToken))
        {
            return false;
        }

        var demo = DemoContent.Load();
        await publication.UpdateAsync(Actor.System, settings =>
        {
            settings.Name = demo.Publication.Name;
            settings.Tagline = demo.Publication.Tagline;
            settings.ContactPrompt = demo.Publication.ContactPrompt;
            settings.ContactEmail = demo.Publication.ContactEmail;
            settings.Description = demo.Publication.Description;
            settings.Language = demo.Publication.Language;
            settings.TimeZone = demo.Publication.TimeZone;
            settings.LogoUrl = demo.Publication.LogoUrl;
        }, cancellationToken);

        var staffIds = new Dictionary<string, int>();
        foreach (var person in demo.Staff)
        {
            staffIds[person.Slug] = await staff.CreateAsync(
                new StaffInput(person.Name, person.JobTitle, person.Bio, person.PhotoUrl, person.PublicEmail, person.Slug, person.Role), cancellationToken);
            await CreateAccountAsync(staffIds[person.Slug], person);
        }

        var sectionIds = new Dictionary<string, int>();
        foreach (var section in demo.Sections)
        {
            sectionIds[section.Slug] = await sections.CreateAsync(Actor.System, section.Name, section.Description, section.Slug, cancellationToken);
        }

        var tagIds = new Dictionary<string, int>();
        foreach (var tag in demo.Tags)
        {
            tagIds[tag.Slug] = await tags.CreateAsync(Actor.System, tag.Name, tag.Slug, cancellationToken: cancellationToken);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var articleIds = new Dictionary<string, int>();
        foreach (var article in demo.Articles.OrderByDescending(a => a.PublishedHoursAgo))
        {
            var input = new ArticleInput
            {
                Headline = article.Headline,
                Slug = article.Slug,
                Standfirst = article.Standfirst,
                BodyMarkdown = DemoContent.Body(article.Slug),
                SectionId = sectionIds[article.Section],
                TagIds = article.Tags.ConvertAll(t => tagIds[t]),
                AuthorIds = article.Authors.ConvertAll(a => staffIds[a]),
                LeadImage = article.LeadImage is { } image ? new LeadImageView(image.Url, image.Alt, image.Caption, image.Credit) : null,
            };
            var id = articleIds[article.Slug] = await articles.CreateAsync(Actor.System, input, cancellationToken: cancellationToken);
            await publishing.PublishAsync(Actor.System, id, now.AddHours(-article.PublishedHoursAgo), cancellationToken);
            if (article.UpdatedHoursAgo is { } updatedHoursAgo)
            {
                await articles.UpdateAsync(Actor.System, id, input with { UpdatedAt = now.AddHours(-updatedHoursAgo) }, expectedVersion: 2, "Updated with new information",
                    cancellationToken);
            }
        }

        if (demo.Live is { } story)
        {
            var people = demo.Staff.ToDictionary(p => p.Slug, p => (staffIds[p.Slug], p.Name));
            await DemoLiveCoverage.SeedAsync(live, story, articleIds[story.Story], people, now, cancellationToken);
        }

        foreach (var page in demo.Pages)
        {
            await pages.SaveAsync(Actor.System, null, new StaticPageInput(page.Title, page.Slug, DemoContent.PageBody(page.Slug), page.Role), cancellationToken);
        }

        return true;
    }

    private async Task CreateAccountAsync(int staffMemberId, DemoStaff person)
    {
        var email = DemoAccounts.EmailFor(person.Slug);
        var account = new StaffAccount { StaffMemberId = staffMemberId, UserName = email, Email = email, EmailConfirmed = true };
        var result = await accounts.CreateAsync(account, DemoAccounts.PasswordFor(person.Role));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The demo account {email} could not be created: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
