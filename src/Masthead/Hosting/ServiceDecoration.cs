namespace Masthead.Hosting;

public static class ServiceDecoration
{
    /// <summary>
    /// Wraps the singleton registered last for <typeparamref name="TService"/> in <typeparamref name="TDecorator"/>, which
    /// then answers for both types.
    /// </summary>
    public static IServiceCollection DecorateSingleton<TService, TDecorator>(this IServiceCollection services, Func<IServiceProvider, TService, TDecorator> decorate)
        where TService : class
        where TDecorator : class, TService
    {
        var inner = services.Last(service => service.ServiceType == typeof(TService));
        services.Remove(inner);
        services.AddSingleton(provider => decorate(provider, (TService)(
            inner.ImplementationInstance
            ?? inner.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, inner.ImplementationType!))));
        services.AddSingleton<TService>(provider => provider.GetRequiredService<TDecorator>());
        return services;
    }
}
