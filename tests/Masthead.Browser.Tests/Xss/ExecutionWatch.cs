using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests.Xss;

/// <summary>
/// A Chromium context that notices any payload of <see cref="XssPayloads"/> that runs: the <c>__xss(n)</c> marker in
/// any page or frame, and any dialog. The Content-Security-Policy is bypassed, so what this sees is the escaping and
/// sanitizing alone; the policy is a second wall behind them (see ContentSecurityPolicyTests). What would run only
/// when a person clicks or hovers (javascript: links, handler attributes, frames, refreshes) is looked for in each
/// document as rendered, by <see cref="InspectAsync"/>.
/// </summary>
public sealed class ExecutionWatch
{
    /// <summary>What in a rendered document could run script, as Chromium parsed it; each finding names the element.</summary>
    private const string Inspection = """
        () => {
          const found = [];
          const describe = (element) => element.outerHTML.slice(0, 160);
          const urlAttributes = ["href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "background", "poster", "lowsrc", "values", "to", "from"];
          const dangerousUrl = /^\s*(javascript|vbscript|data\s*:\s*text\/html)/i;
          for (const element of document.querySelectorAll("*")) {
            for (const attribute of element.attributes) {
              const name = attribute.name.toLowerCase();
              if (name.startsWith("on")) found.push(`handler attribute ${name}: ${describe(element)}`);
              if (urlAttributes.includes(name) && dangerousUrl.test(attribute.value.replace(/[\u0000-\u001f]/g, ""))) found.push(`${name} address: ${describe(element)}`);
              if (name === "style" && /url\s*\(|expression\s*\(/i.test(attribute.value)) found.push(`style with an address: ${describe(element)}`);
            }
          }
          // The article editor's own preview frame, which the page puts beside the text, is the site's page, not a payload's.
          const ownPreview = (element) => element.matches("iframe.preview-frame")
            && new URL(element.getAttribute("src"), location.href).origin === location.origin
            && new URL(element.getAttribute("src"), location.href).pathname === "/newsroom/articles/preview";
          for (const element of document.querySelectorAll("iframe, frame, object, embed, base, applet, link[rel~=import], meta[http-equiv]")) {
            if (!ownPreview(element)) {
              found.push(`element that loads or redirects: ${describe(element)}`);
            }
          }
          for (const script of document.querySelectorAll("script")) {
            const src = script.getAttribute("src");
            if (script.type === "application/ld+json") {
              try { JSON.parse(script.textContent); } catch (error) { found.push(`structured data that is not JSON (${error.message}): ${script.textContent.slice(0, 160)}`); }
            } else if (!(src && new URL(src, location.href).origin === location.origin && new URL(src, location.href).pathname.startsWith("/js/"))) {
              found.push(`script: ${describe(script)}`);
            }
          }
          return found;
        }
        """;

    private readonly ConcurrentQueue<string> _ran = new();

    /// <summary>The address opened or the feed or API field rendered, to say where a payload ran.</summary>
    private volatile string _showing = "";

    private ExecutionWatch(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Each payload that ran or dialog that opened, with where.</summary>
    public IReadOnlyList<string> Ran => [.. _ran];

    public static async Task<ExecutionWatch> StartAsync(IBrowser browser, Uri baseAddress)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), BypassCSP = true });
        var page = await context.NewPageAsync();
        var watch = new ExecutionWatch(context, page);
        await context.ExposeFunctionAsync("__xss", (int number) =>
            watch._ran.Enqueue($"payload {number} ran on {watch._showing}: {XssPayloads.All[number]}"));
        page.Dialog += async (_, dialog) =>
        {
            watch._ran.Enqueue($"a {dialog.Type} dialog opened on {watch._showing}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        return watch;
    }

    /// <summary>Opens <paramref name="path"/> and returns what in it could run script.</summary>
    public async Task<IReadOnlyList<string>> VisitAsync(string path)
    {
        _showing = path;
        var response = await Page.GotoAsync(path);
        if (response is null || response.Status >= 500)
        {
            return [$"GET {path} answered {response?.Status}"];
        }

        return await InspectAsync(path);
    }

    /// <summary>Renders HTML that a feed or the API hands to its readers as HTML, as a feed reader or a front end would.</summary>
    public async Task<IReadOnlyList<string>> RenderAsync(string html, string from)
    {
        _showing = from;
        await Page.SetContentAsync($"<!doctype html><html><head><title>{from}</title></head><body>{html}</body></html>");
        return await InspectAsync(from);
    }

    /// <summary>What in the page as it is now could run script, such as after a script has added to it.</summary>
    public async Task<IReadOnlyList<string>> InspectAsync(string where)
    {
        _showing = where;
        // A turn of the event loop runs what was queued while parsing: error events of images, autofocus, animations.
        await Page.EvaluateAsync("() => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)))");
        var found = await Page.EvaluateAsync<string[]>(Inspection);
        return [.. found.Select(finding => $"{where}: {finding}")];
    }
}
