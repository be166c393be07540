using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Masthead.Testing;

namespace Masthead.Browser.Tests;

/// <summary>The W3C Nu HTML checker (vnu.jar from the npm package vnu-jar, installed by `npm ci --prefix tests/tools`).</summary>
public static class NuHtmlChecker
{
    public static string JarPath => Path.Combine(TestEnvironment.RepositoryRoot, "tests", "tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    /// <summary>java from JAVA_HOME or the PATH, or null.</summary>
    public static string? FindJava()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("JAVA_HOME") is { Length: > 0 } javaHome)
        {
            candidates.Add(Path.Combine(javaHome, "bin", "java"));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "java")));
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Checks all <paramref name="files"/> in one run (the JVM is slow to start) and returns the errors.</summary>
    public static async Task<IReadOnlyList<NuMessage>> CheckAsync(string java, IEnumerable<string> files, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(java)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-jar", JarPath, "--format", "json", "--errors-only", .. files])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {java}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);

        // vnu writes its JSON report to stderr and exits 1 when it found errors.
        var report = (await stderr).Trim();
        if (!report.StartsWith('{'))
        {
            throw new InvalidOperationException($"vnu.jar exited {process.ExitCode} without a JSON report:\n{report}\n{await stdout}");
        }

        var messages = JsonSerializer.Deserialize<NuReport>(report)?.Messages ?? [];
        if (process.ExitCode != 0 && messages.Count == 0)
        {
            throw new InvalidOperationException($"vnu.jar exited {process.ExitCode} with an empty report:\n{report}");
        }

        return messages;
    }

    private sealed record NuReport([property: JsonPropertyName("messages")] List<NuMessage> Messages);
}

/// <summary>One message of vnu's JSON report.</summary>
public sealed record NuMessage(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("lastLine")] int? Line,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("extract")] string? Extract);
