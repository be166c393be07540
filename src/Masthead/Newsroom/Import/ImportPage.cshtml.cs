using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Import;

/// <summary>
/// Administrators import a WordPress or Ghost export: the upload is copied to a temporary file, the import runs in
/// the background, and this page shows how far it is and then its report.
/// </summary>
[ImportUploadGuard]
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class ImportPage(ImportJobs jobs) : NewsroomPage
{
    public const long MaxUploadBytes = 1024L * 1024 * 1024;

    public ImportJob? Job => jobs.Current;

    [BindProperty]
    public string Source { get; set; } = "wordpress";

    [BindProperty]
    public bool DryRun { get; set; }

    public IActionResult OnGet()
    {
        Permissions.Demand(Permissions.CanAdminister(Actor), "import an archive");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanAdminister(Actor), "import an archive");
        if (Source is not ("wordpress" or "ghost"))
        {
            ModelState.AddModelError(nameof(Source), "Choose WordPress or Ghost.");
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Choose the export file to import.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var temporary = Path.Combine(Path.GetTempPath(), $"masthead-import-{Guid.NewGuid():N}{(Source == "ghost" ? ".json" : ".xml")}");
        await using (var copy = System.IO.File.Create(temporary))
        {
            await file!.CopyToAsync(copy, cancellationToken);
        }

        if (!jobs.TryStart(Source, temporary, Path.GetFileName(file.FileName), DryRun, Actor.Name))
        {
            System.IO.File.Delete(temporary);
            ModelState.AddModelError("", "An import is already running; this file was not imported. Wait for it to finish, then send the file again.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return Redirect("/newsroom/import");
    }
}
