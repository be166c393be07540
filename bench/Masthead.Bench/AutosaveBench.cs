using System.Globalization;
using System.Text;

namespace Masthead.Bench;

/// <summary>One body length's autosaves: its size and each save's time to the answer.</summary>
public sealed record AutosaveRun(int Words, int Bytes, List<double> Ms);

/// <summary>
/// `autosave`: an editor writes a draft while the editor's script keeps it, on the cached server. For a news story's
/// length and a long read's, <see cref="Saves"/> autosaves one after another, each with one word more than the last
/// (as typing between saves leaves it), timed from the post to the server's answer that it kept them.
/// </summary>
public static class AutosaveBench
{
    public const int Saves = 100;
    public static readonly int[] Words = [1_500, 10_000];

    private static readonly string[] Sentence =
        "The council met again on Tuesday evening and members argued late into the night over the budget for the harbour".Split(' ');

    public static async Task<List<AutosaveRun>> RunAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        using var editor = new Newsroom(baseAddress);
        await editor.SignInAsDemoEditorAsync(cancellationToken);
        var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var runs = new List<AutosaveRun>();
        foreach (var words in Words)
        {
            var id = await editor.CreateDraftAsync($"Bench autosave {run} of {words} words", $"bench-autosave-{run}-{words}",
                "A draft the benchmark writes to time the editor's autosave.", "The first words.", cancellationToken);
            var body = Body(words);
            var times = new List<double>();
            for (var i = 0; i < Saves; i++)
            {
                body.Append(' ').Append(Sentence[i % Sentence.Length]);
                var elapsed = await editor.AutosaveAsync(id, $"Bench autosave {run} of {words} words", body.ToString(), cancellationToken);
                times.Add(elapsed.TotalMilliseconds);
            }

            runs.Add(new AutosaveRun(words, Encoding.UTF8.GetByteCount(body.ToString()), times));
        }

        return runs;
    }

    /// <summary>Paragraphs of about a hundred words, to <paramref name="words"/> words.</summary>
    private static StringBuilder Body(int words)
    {
        var body = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            body.Append(i == 0 ? "" : i % 100 == 0 ? "\n\n" : " ").Append(Sentence[i % Sentence.Length]);
        }

        return body;
    }
}
