using System.Net;
using Masthead.Core.People;
using Masthead.Testing;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// Every newsroom action for every role, against one server: the roles the README's table allows get the success
/// answer and the change is in the database; every other role gets 403 and no row in the database changes.
/// Each case acts on a fresh target of its own (see <see cref="RoleMatrixActions"/>), so the cases never interfere.
/// </summary>
public sealed class RoleMatrixTests(DemoSiteFixture site, RoleMatrixSessions sessions) : IClassFixture<DemoSiteFixture>, IClassFixture<RoleMatrixSessions>
{
    private static readonly NewsroomRole[] Roles = [NewsroomRole.Administrator, NewsroomRole.Editor, NewsroomRole.Reporter, NewsroomRole.Contributor];

    public static IEnumerable<TheoryDataRow<string, string>> Cases =>
        from action in RoleMatrixActions.All
        from role in Roles
        select new TheoryDataRow<string, string>(role.ToString(), action.Name)
        {
            TestDisplayName = $"{role} {(role >= action.AllowedFrom ? "may" : "may not")} {action.Name}",
            Label = "", // the display name alone, without the argument list
        };

    /// <summary>Handlers the matrix leaves out, and why.</summary>
    private static readonly Dictionary<string, string> NotRoleActions = new()
    {
        ["POST /newsroom/articles/new Preview"] = "renders the Markdown being typed and stores nothing",
        ["POST /newsroom/articles/{id:int} Preview"] = "renders the Markdown being typed and stores nothing",
        ["GET /newsroom/articles/preview"] = "the editor's preview frame: renders an article as readers would see it and stores nothing (see WritingSurfaceTests)",
        ["POST /newsroom/articles/preview"] = "the editor's preview frame: renders the form being typed and stores nothing (see WritingSurfaceTests)",
        ["POST /newsroom/newsletters/{id:int}/compose Preview"] = "renders the briefing being composed as readers would get it and stores nothing (see NewsletterSendTests)",
        ["POST /newsroom/account/password"] = "everyone changes their own password, and only theirs (see AccountTests)",
        ["POST /newsroom/account/email"] = "everyone asks to change their own sign-in address, and only theirs, with their password (see EmailChangeTests)",
        ["GET /newsroom/account/security"] = "everyone manages their own second factors, and only theirs (see AuthenticatorAppTests and SecondFactorTests)",
        ["POST /newsroom/account/security PasskeyOptions"] = "everyone manages their own second factors, and only theirs (see AuthenticatorAppTests and SecondFactorTests)",
        ["POST /newsroom/account/security AddPasskey"] = "everyone manages their own second factors, and only theirs (see AuthenticatorAppTests and SecondFactorTests)",
        ["POST /newsroom/account/security RemovePasskey"] = "everyone manages their own second factors, and only theirs (see AuthenticatorAppTests and SecondFactorTests)",
        ["POST /newsroom/account/security RemoveAuthenticator"] = "everyone manages their own second factors, and only theirs (see AuthenticatorAppTests and SecondFactorTests)",
        ["POST /newsroom/account/security RecoveryCodes"] = "everyone manages their own second factors, and only theirs (see AuthenticatorAppTests and SecondFactorTests)",
        ["GET /newsroom/account/security/authenticator"] = "everyone manages their own second factors, and only theirs (see AuthenticatorAppTests and SecondFactorTests)",
        ["POST /newsroom/account/security/authenticator"] = "everyone manages their own second factors, and only theirs (see AuthenticatorAppTests and SecondFactorTests)",
        ["POST /newsroom/staff RemoveSecondFactors"] =
            "a handler of the Staff page, which only administrators reach (the staff list's row); see SecondFactorRequirementTests",
    };

    [Fact]
    public async Task The_matrix_has_a_row_for_every_newsroom_page_and_form_handler()
    {
        var context = new MatrixContext(site.Server, await sessions.ForAsync(site.Server, NewsroomRole.Administrator));
        var requests = RoleMatrixActions.All.Select(a => a.Request(context, new MatrixTarget(1) { UpdateId = 1 })).ToList();
        var handlers = NewsroomHandler.All().ToList();

        var missing = handlers.Where(h => !NotRoleActions.ContainsKey(h.ToString()) && !requests.Any(h.Serves)).Select(h => h.ToString());
        var strays = requests.Where(r => !handlers.Any(h => h.Serves(r))).Select(r => r.Path);

        Assert.NotEmpty(handlers);
        Assert.Empty(missing);
        Assert.Empty(strays);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_role_may_or_may_not_take_each_newsroom_action(string roleName, string action)
    {
        var role = Enum.Parse<NewsroomRole>(roleName);
        var entry = RoleMatrixActions.Named(action);
        var allowed = role >= entry.AllowedFrom;
        var context = new MatrixContext(site.Server, await sessions.ForAsync(site.Server, role));
        var target = await entry.Prepare(context);
        var before = allowed ? null : await RoleMatrixSnapshot.TakeAsync(site.Server);

        using var response = await context.Session.SendAsync(entry.Request(context, target));

        if (allowed)
        {
            Assert.True((int)response.StatusCode == entry.Status,
                $"{role} may {action}, so {entry.Status} was expected; the answer was {await RoleMatrixResponses.DescribeAsync(response)}");
            await entry.Done(context, target);
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden,
                $"{role} may not {action}, so 403 was expected; the answer was {await RoleMatrixResponses.DescribeAsync(response)}");
            // The refusal comes from the rules (which say what is not allowed), not from antiforgery or sign-in.
            Assert.Contains("Your role does not allow you to", await response.Content.ReadAsStringAsync());
            RoleMatrixSnapshot.AssertUnchanged(before!, await RoleMatrixSnapshot.TakeAsync(site.Server));
        }
    }
}
