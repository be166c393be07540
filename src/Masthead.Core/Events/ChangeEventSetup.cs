using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Core.Events;

public static class ChangeEventSetup
{
    /// <summary>Dispatches committed events to the handlers <paramref name="register"/> lists.</summary>
    public static IServiceCollection AddChangeEvents(this IServiceCollection services, Action<ChangeEventRegistry> register)
    {
        var registry = new ChangeEventRegistry(services);
        register(registry);
        services.AddSingleton(registry);
        services.AddSingleton<ChangeEventDispatcher>();
        services.AddSingleton<ChangeEventInterceptor>();
        return services;
    }

    /// <summary>Lets the database context dispatch its events after commit; a context built without them (design time) raises nothing.</summary>
    public static DbContextOptionsBuilder UseChangeEvents(this DbContextOptionsBuilder options, IServiceProvider services) =>
        services.GetService<ChangeEventInterceptor>() is { } interceptor ? options.AddInterceptors(interceptor) : options;
}
