using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Masthead.Core.Newsletters;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Newsletters;

/// <summary>The subscribers page: counts and growth, search, CSV import with consent and bad rows, CSV export safe to open in a spreadsheet.</summary>
public sealed class SubscriberAdministrationTests(NewsletterSiteFixture site) : IClassFixture<NewsletterSiteFixture>
{
    [Fact]
    public async Task A_csv_with_bad_rows_imports_the_good_ones_records_the_consent_stated_and_lists_the_bad_with_the_reason()
    {
        await site.AddReadersAsync("already", 1, newsletterId: 1);
        using var admin = await NewsroomClient.SignInAsync(site.Server, DemoLogins.Administrator);
        var csv = "email,name\nrosa@example.org,Rosa Quint\nnot an address,Nobody\n\"quoted@example.org\",\"Lee, Sam\"\nALREADY-1@example.org,Again\nthrow@mailinator.com,Throw\n";

        using var response = await ImportAsync(admin, csv, "Signed up on paper at the county fair, 2026");
        var page = await ReaderSteps.ReadAsync(response);
        var rosa = await site.SubscriberAsync("rosa@example.org");
        var quoted = await site.SubscriberAsync("quoted@example.org");
        var consent = await site.DbAsync(db => db.ConsentRecords.SingleAsync(c => c.SubscriberId == rosa!.Id));
        var problems = page.QuerySelectorAll(".import-problems tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2 added, 1 already on the list (left as they were), 2 left out.", page.QuerySelector(".import-result p")?.TextContent);
        Assert.NotNull(rosa!.ConfirmedAt);
        Assert.Equal("Rosa Quint", rosa.Name);
        Assert.Equal("Lee, Sam", quoted!.Name);
        Assert.Equal([1], rosa.Subscriptions.Select(s => s.NewsletterId));
        Assert.Equal(ConsentAction.Imported, consent.Action);
        Assert.Equal("imported by Delphine Marrow: Signed up on paper at the county fair, 2026", consent.Source);
        Assert.Equal(["3", "not an address,Nobody", "Enter your whole email address, such as name@example.com."], problems[0]);
        Assert.Equal("6", problems[1][0]);
    }

    [Fact]
    public async Task An_import_without_a_statement_of_consent_or_over_the_size_limit_is_refused_before_it_is_read()
    {
        using var admin = await NewsroomClient.SignInAsync(site.Server, DemoLogins.Administrator);
        var huge = "email\n" + string.Concat(Enumerable.Repeat("someone-with-a-long-address@example.org\n", 60_000));

        using var noConsent = await ImportAsync(admin, "email\nconsentless@example.org\n", "");
        using var tooLarge = await ImportAsync(admin, huge, "They all asked, honestly.");
        var refusal = await ReaderSteps.ReadAsync(tooLarge);

        Assert.Contains("Say how these readers agreed to hear from you", (await ReaderSteps.ReadAsync(noConsent)).QuerySelector(".errors")?.TextContent);
        Assert.Null(await site.SubscriberAsync("consentless@example.org"));
        Assert.Contains("The file is too large", refusal.QuerySelector(".errors")?.TextContent);
        Assert.Null(await site.SubscriberAsync("someone-with-a-long-address@example.org"));
    }

    [Fact]
    public async Task The_export_has_every_subscriber_and_a_name_that_looks_like_a_formula_stays_text()
    {
        await site.DbAsync(async db =>
        {
            db.Subscribers.Add(new Subscriber
            {
                Email = "formula@example.org",
                NormalizedEmail = "formula@example.org",
                Name = "=HYPERLINK(\"http://evil.example\",\"x\")",
                LinkKey = SubscriberLinks.NewKey(),
                CreatedAt = DateTime.UtcNow,
                ConfirmedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        using var admin = await NewsroomClient.SignInAsync(site.Server, DemoLogins.Administrator);

        using var export = await admin.PressAsync("/newsroom/subscribers", "form[action*='handler=Export'] button", []);
        var csv = await export.Content.ReadAsStringAsync();
        var search = await admin.GetDocumentAsync("/newsroom/subscribers?search=formula");

        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("email,name,status,signed_up,confirmed,newsletters", csv.TrimStart('\uFEFF'));
        Assert.Contains("formula@example.org,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",confirmed,", csv);
        Assert.Equal(["formula@example.org"], search.QuerySelectorAll(".subscriber-list tbody tr td:first-child").Select(td => td.TextContent));
        Assert.NotNull(search.QuerySelector(".growth-chart svg polyline"));
        Assert.Null(search.QuerySelector(".errors")); // the page's own route value is not taken for a page number
    }

    private static async Task<HttpResponseMessage> ImportAsync(NewsroomClient admin, string csv, string consent)
    {
        var page = await admin.GetDocumentAsync("/newsroom/subscribers");
        var token = page.QuerySelector("form[action*='handler=Import'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(consent), "Consent" },
            { new StringContent("1"), "Newsletters" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Csv", "readers.csv");
        return await admin.Http.PostAsync("/newsroom/subscribers?handler=Import", form);
    }
}
