using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ScaleOut;

/// <summary>
/// Every node holds the publication's settings, sections, staff and tags in memory for its pages; a change on one
/// node reaches the pages the other renders, not only those it had cached.
/// </summary>
public sealed class SiteDataAcrossNodesTests : IAsyncLifetime
{
    private TwoNodes _nodes = null!;

    public async ValueTask InitializeAsync() => _nodes = await TwoNodes.StartAsync();

    public async ValueTask DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task A_renamed_section_and_publication_show_on_the_other_node()
    {
        Assert.Contains("World", await NavigationAsync()); // node B has read its sections and settings
        Assert.DoesNotContain("Lantern Evening Edition", (await _nodes.B.GetDocumentAsync("/contact")).Title);

        await _nodes.A.InScopeAsync(async services =>
        {
            var sections = services.GetRequiredService<SectionService>();
            var world = (await sections.ListAsync()).Single(s => s.Name == "World");
            await sections.UpdateAsync(Actor.System, world.Id, "Planet", world.Slug, world.Description);
            await services.GetRequiredService<PublicationService>().UpdateAsync(Actor.System, settings => settings.Name = "Lantern Evening Edition");
        });

        await TwoNodes.EventuallyAsync(async () => (await NavigationAsync()).Contains("Planet"), "node B's navigation names the renamed section");
        await TwoNodes.EventuallyAsync(async () => (await _nodes.B.GetDocumentAsync("/contact")).Title!.EndsWith("Lantern Evening Edition", StringComparison.Ordinal),
            "node B's pages carry the new publication name");
    }

    private async Task<List<string>> NavigationAsync() =>
        (await _nodes.B.GetDocumentAsync("/contact")).QuerySelectorAll(".site-nav a").Select(a => a.TextContent.Trim()).ToList();
}
