namespace Masthead.Live;

public static class LiveSetup
{
    public static IServiceCollection AddLiveCoverage(this IServiceCollection services)
    {
        services.AddSingleton<ILiveBroadcaster, InProcessLiveBroadcaster>();
        return services;
    }
}
