using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Settings;

/// <summary>The publication's identity: name, tagline, contact prompt, address, language, time zone, logo.</summary>
public sealed class SettingsPage(PublicationService publication) : NewsroomPage
{
    [BindProperty]
    public SettingsForm Form { get; set; } = new();

    /// <summary>When the settings the form was opened with were saved, in ticks: a save over newer ones is refused.</summary>
    [BindProperty]
    public long? Seen { get; set; }

    /// <summary>Set when someone else saved the settings after this form was opened.</summary>
    public bool Conflict { get; private set; }

    public IActionResult OnGet()
    {
        Permissions.Demand(Permissions.CanAdminister(Actor), "change the publication's settings");
        Form = SettingsForm.From(Publication);
        Seen = Publication.LastModifiedAt.Ticks;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var seen = Seen is { } ticks ? new DateTime(ticks, DateTimeKind.Utc) : (DateTime?)null;
            await publication.UpdateAsync(Actor, settings => Form.ApplyTo(settings), seen, cancellationToken);
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems, "Form.");
            return Page();
        }
        catch (SettingsConflictException conflict)
        {
            // What was typed stays in the form; saving it again now replaces the other save deliberately.
            Conflict = true;
            Seen = conflict.SavedAt.Ticks;
            ModelState.Remove(nameof(Seen));
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        Flash = "The settings are saved and the site shows them now.";
        return Redirect("/newsroom/settings");
    }

    public sealed class SettingsForm
    {
        public string? Name { get; set; }
        public string? Tagline { get; set; }
        public string? ContactPrompt { get; set; }
        public string? ContactEmail { get; set; }
        public string? Description { get; set; }
        public string? BaseUrl { get; set; }
        public string? Language { get; set; }
        public string? TimeZone { get; set; }
        public string? LogoUrl { get; set; }
        public NotesPosition NotesPosition { get; set; }
        public FeedContent FeedContent { get; set; }
        public bool RequireSecondFactor { get; set; }
        public string? EmbedHosts { get; set; }

        public static SettingsForm From(PublicationInfo info) => new()
        {
            Name = info.Name,
            Tagline = info.Tagline,
            ContactPrompt = info.ContactPrompt,
            ContactEmail = info.ContactEmail,
            Description = info.Description,
            BaseUrl = info.BaseUrl,
            Language = info.Language,
            TimeZone = info.TimeZoneId,
            LogoUrl = info.LogoUrl,
            NotesPosition = info.NotesPosition,
            FeedContent = info.FeedContent,
            RequireSecondFactor = info.RequireSecondFactor,
            EmbedHosts = string.Join('\n', info.ExtraEmbedHosts),
        };

        /// <returns>The names of the settings that changed, for the audit log.</returns>
        public List<string> ApplyTo(PublicationSettings settings)
        {
            var changed = new List<string>();
            void Set<T>(string name, T current, T value, Action<T> assign)
            {
                if (!EqualityComparer<T>.Default.Equals(current, value))
                {
                    assign(value);
                    changed.Add(name);
                }
            }

            Set(nameof(Name), settings.Name, Trimmed(Name), v => settings.Name = v);
            Set(nameof(Tagline), settings.Tagline, Trimmed(Tagline), v => settings.Tagline = v);
            Set(nameof(ContactPrompt), settings.ContactPrompt, Trimmed(ContactPrompt), v => settings.ContactPrompt = v);
            Set(nameof(ContactEmail), settings.ContactEmail, Trimmed(ContactEmail), v => settings.ContactEmail = v);
            Set(nameof(Description), settings.Description, Trimmed(Description), v => settings.Description = v);
            Set(nameof(BaseUrl), settings.BaseUrl, Trimmed(BaseUrl).TrimEnd('/'), v => settings.BaseUrl = v);
            Set(nameof(Language), settings.Language, Trimmed(Language), v => settings.Language = v);
            Set(nameof(TimeZone), settings.TimeZone, Trimmed(TimeZone), v => settings.TimeZone = v);
            Set(nameof(LogoUrl), settings.LogoUrl, Trimmed(LogoUrl) is { Length: > 0 } logo ? logo : null, v => settings.LogoUrl = v);
            Set(nameof(NotesPosition), settings.NotesPosition, NotesPosition, v => settings.NotesPosition = v);
            Set(nameof(FeedContent), settings.FeedContent, FeedContent, v => settings.FeedContent = v);
            Set(nameof(RequireSecondFactor), settings.RequireSecondFactor, RequireSecondFactor, v => settings.RequireSecondFactor = v);
            Set(nameof(EmbedHosts), settings.EmbedHosts, Trimmed(EmbedHosts).ReplaceLineEndings("\n"), v => settings.EmbedHosts = v);
            return changed;
        }

        private static string Trimmed(string? value) => (value ?? "").Trim();
    }
}
