using AngleSharp.Html.Dom;
using Masthead.Testing;

namespace Masthead.Tests.Newsroom;

/// <summary>Two nodes on one database: a sign-in and a form's antiforgery token from one work on the other.</summary>
public sealed class SharedSignInTests
{
    [Fact]
    public async Task A_person_signed_in_on_one_node_works_on_another_and_its_forms_are_accepted_there()
    {
        var dataDirectory = MastheadServer.NewDataDirectory();
        try
        {
            await using var first = await MastheadServer.StartAsync(dataDirectory: dataDirectory);
            await using var second = await MastheadServer.StartAsync(dataDirectory: dataDirectory);
            using var editor = await NewsroomClient.SignInAsync(first, DemoLogins.Editor);
            var form = (IHtmlFormElement)(await editor.GetDocumentAsync("/newsroom/articles/new")).QuerySelector("form.article-form")!;

            using var dashboard = await editor.Http.GetAsync(new Uri(second.BaseAddress, "/newsroom"));
            using var saved = await editor.SubmitAsync(form,
                new() { ["Form.Headline"] = "Saved through the second node", ["Form.BodyMarkdown"] = "Text." }, "intent=save",
                new Uri(second.BaseAddress, "/newsroom/articles/new").ToString());

            Assert.Equal(200, (int)dashboard.StatusCode);
            Assert.Equal(302, (int)saved.StatusCode);
            Assert.StartsWith("/newsroom/articles/", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        finally
        {
            await MastheadServer.DeleteDataAsync(dataDirectory);
        }
    }
}
