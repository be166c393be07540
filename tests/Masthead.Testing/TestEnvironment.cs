using System.Diagnostics;

namespace Masthead.Testing;

/// <summary>
/// Tests that need something outside the SDK skip with a reason when it is missing, except under
/// MASTHEAD_TEST_REQUIRE_ALL=1 (CI), where a missing dependency fails the test instead.
/// </summary>
public static class TestEnvironment
{
    public static bool RequireAll => Environment.GetEnvironmentVariable("MASTHEAD_TEST_REQUIRE_ALL") == "1";

    public static void Require(bool available, string whatIsMissing)
    {
        if (available)
        {
            return;
        }

        if (RequireAll)
        {
            Assert.Fail($"{whatIsMissing} (MASTHEAD_TEST_REQUIRE_ALL=1 turns this skip into a failure)");
        }

        Assert.Skip(whatIsMissing);
    }

    /// <summary>
    /// Settings for a `masthead` process a test starts (a command, a node): warnings only in its log, and without the
    /// JIT's profile-guided tier, which a process that lives for seconds pays for and never gains from (tests' own
    /// processes turn it off in tests/Directory.Build.props).
    /// </summary>
    public static void PrepareMastheadProcess(ProcessStartInfo start)
    {
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_TieredPGO"] = "0";
    }

    /// <summary>The repository root, found from the test's working directory.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Masthead.slnx")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Masthead.slnx was not found above the test directory.");
        }
    }

    /// <summary>Where tests leave screenshots and reports: TestResults/artifacts at the repository root.</summary>
    public static string ArtifactsDirectory
    {
        get
        {
            var path = Path.Combine(RepositoryRoot, "TestResults", "artifacts");
            Directory.CreateDirectory(path);
            return path;
        }
    }
}
