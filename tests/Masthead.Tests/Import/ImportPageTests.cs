using System.Net;
using System.Net.Sockets;
using System.Text;
using Masthead.Testing;

namespace Masthead.Tests.Import;

/// <summary>
/// The newsroom's Import page: administrators upload an export and follow it to its report; nobody else may. The
/// tests share one server: only one imports, and the others read nothing it adds.
/// </summary>
public sealed class ImportPageTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task An_administrator_uploads_the_block_test_data_and_the_page_follows_it_to_its_report()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        using var response = await UploadAsync(admin, await File.ReadAllBytesAsync(WxrFiles.BlockTestData), "64-block-test-data.xml", dryRun: false);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetDocumentAsync("/newsroom/import");
        for (var i = 0; i < 600 && page.QuerySelector(".import-report") is null; i++)
        {
            Assert.NotNull(page.QuerySelector(".import-progress progress"));
            await Task.Delay(500, TestContext.Current.CancellationToken);
            page = await admin.GetDocumentAsync("/newsroom/import");
        }

        var report = page.QuerySelector(".import-report")!;
        Assert.Null(report.QuerySelector(".errors"));
        Assert.Contains("61 added, 0 updated", report.QuerySelector(".import-counts")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("blocks, each accounted for", report.QuerySelector(".import-blocks summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(report.QuerySelectorAll(".import-notes li"), li => li.TextContent.Contains("windmill.jpg", StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector("form.import-form input[type=file][name=file]"));
        using var moved = await Server.Client.GetAsync("/pullquote/");
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
    }

    [Fact]
    public async Task Anyone_but_an_administrator_is_refused_before_the_upload_is_read()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        using var response = await UploadAsync(editor, Encoding.UTF8.GetBytes(WxrFiles.Header + WxrFiles.Footer), "x.xml", dryRun: false);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Http.GetAsync("/newsroom/import")).StatusCode);
    }

    [Fact]
    public async Task An_upload_claiming_2_GB_is_refused_with_413_before_any_of_it_is_read()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        var cookies = admin.Cookies.GetCookieHeader(Server.BaseAddress);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Server.BaseAddress.Host, Server.BaseAddress.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();
        var head = $"POST /newsroom/import HTTP/1.1\r\nHost: {Server.BaseAddress.Authority}\r\nCookie: {cookies}\r\n" +
                   "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 2147483648\r\n\r\n--x\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), TestContext.Current.CancellationToken);

        var buffer = new byte[512];
        var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);

        Assert.StartsWith("HTTP/1.1 413", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> UploadAsync(NewsroomClient client, byte[] file, string name, bool dryRun)
    {
        var form = await client.GetDocumentAsync("/newsroom", 200);
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        using var multipart = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("wordpress"), "Source" },
            { new StringContent(dryRun ? "true" : "false"), "DryRun" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new("text/xml");
        multipart.Add(content, "file", name);
        return await client.Http.PostAsync("/newsroom/import", multipart);
    }
}
