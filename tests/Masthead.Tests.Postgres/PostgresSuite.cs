using System.Runtime.CompilerServices;
using Masthead.Testing;

namespace Masthead.Tests;

internal static class PostgresSuite
{
    /// <summary>Runs before any test of this assembly: every server it starts uses PostgreSQL.</summary>
    [ModuleInitializer]
    internal static void UsePostgres() => TestDatabase.UsePostgres = true;
}
