using Masthead.Core.Events;
using Masthead.Core.Live;

namespace Masthead.Live;

public static class LiveSetup
{
    public static IServiceCollection AddLiveCoverage(this IServiceCollection services)
    {
        services.AddSingleton<ILiveBroadcaster, InProcessLiveBroadcaster>();
        services.AddScoped<IEventHandler<LiveChanged>, LiveEventHandlers>();
        services.AddScoped<IEventHandler<ArticleChanged>, LiveEventHandlers>();
        return services;
    }
}
