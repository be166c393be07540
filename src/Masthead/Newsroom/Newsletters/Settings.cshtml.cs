using Masthead.Core.Newsletters;
using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Newsletters;

/// <summary>A newsletter's name, description, schedule and feeding sections; with no id, a new newsletter: editors.</summary>
public sealed class NewsletterSettingsPage(NewsletterSettingsService settings, NewsletterQueries queries, SectionService sectionService) : NewsroomPage
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public NewsletterSchedule Schedule { get; set; } = NewsletterSchedule.Daily;

    [BindProperty]
    public int SendHour { get; set; } = 7;

    [BindProperty]
    public DayOfWeek SendDay { get; set; } = DayOfWeek.Monday;

    [BindProperty]
    public List<int> Sections { get; set; } = [];

    [BindProperty]
    public bool IsActive { get; set; } = true;

    [BindProperty]
    public bool IsDefault { get; set; }

    public Newsletter? Existing { get; private set; }
    public IReadOnlyList<(int Id, string Name)> AllSections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        if (Existing is { } newsletter)
        {
            (Name, Description, Schedule, SendHour, SendDay, Sections, IsActive, IsDefault) =
                (newsletter.Name, newsletter.Description, newsletter.Schedule, newsletter.SendHour, newsletter.SendDay, [.. newsletter.FeedingSections], newsletter.IsActive,
                    newsletter.IsDefault);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        try
        {
            await settings.SaveAsync(Actor, id, new NewsletterInput(Name, Description, Schedule, SendHour, SendDay, Sections, IsActive, IsDefault), cancellationToken);
            Flash = $"{Name} is saved.";
            return Redirect("/newsroom/newsletters");
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems);
            await LoadAsync(id, cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(int? id, CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanSendNewsletters(Actor), "change newsletters");
        Existing = id is { } newsletterId ? await queries.NewsletterAsync(newsletterId, cancellationToken) ?? throw new NotFoundException("No such newsletter.") : null;
        AllSections = (await sectionService.ListAsync(cancellationToken)).Select(s => (s.Id, s.Name)).ToList();
    }
}
