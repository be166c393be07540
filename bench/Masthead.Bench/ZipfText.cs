using System.Text;
using System.Text.RegularExpressions;

namespace Masthead.Bench;

/// <summary>
/// Generated news text: words drawn from a 50,000-word vocabulary with a Zipf distribution (word k is about k times
/// rarer than the most common), in headlines, standfirsts and bodies of paragraphs. It draws from the Random it is
/// given, so a caller that shares its Random keeps one deterministic sequence for a seed.
/// </summary>
public sealed partial class ZipfText
{
    private const int VocabularySize = 50_000;
    private const double ZipfExponent = 1.0;

    /// <summary>Accented words among the mid-frequency vocabulary, so accent folding is exercised.</summary>
    private static readonly string[] AccentedWords = ["café", "résumé", "façade", "naïve", "Zürich", "Montréal", "jalapeño", "São", "Malmö", "crème", "déjà",
        "Ångström"];

    private static readonly string[] Syllables =
    [
        "ka", "lor", "min", "dre", "vel", "tor", "san", "bri", "mo", "quen", "ash", "fel", "gro", "hal", "ith", "jun",
        "ler", "nor", "pel", "rud", "sty", "tam", "vor", "wen", "yel", "zan", "bel", "cor", "dun", "esk", "far", "gil",
    ];

    private readonly Random _random;
    private readonly double[] _cumulative;

    public ZipfText(IReadOnlyList<string> vocabulary, Random random)
    {
        _random = random;
        Vocabulary = vocabulary;
        _cumulative = new double[vocabulary.Count];
        var sum = 0.0;
        for (var rank = 0; rank < vocabulary.Count; rank++)
        {
            sum += 1 / Math.Pow(rank + 1, ZipfExponent);
            _cumulative[rank] = sum;
        }

        for (var rank = 0; rank < vocabulary.Count; rank++)
        {
            _cumulative[rank] /= sum;
        }
    }

    /// <summary>Words by frequency rank: the demo publication's words by their frequency there, then made-up words.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>The vocabulary for a seed: the same repository and seed always give the same words in the same order.</summary>
    public static IReadOnlyList<string> BuildVocabulary(string repository, int seed)
    {
        var demo = Path.Combine(repository, "src", "Masthead.Core", "Demo", "Content", "articles");
        var counts = Directory.EnumerateFiles(demo, "*.md")
            .SelectMany(file => WordPattern().Matches(File.ReadAllText(file)).Select(m => m.Value.ToLowerInvariant()))
            .CountBy(word => word)
            .OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Key)
            .ToList();
        var vocabulary = new List<string>(VocabularySize);
        vocabulary.AddRange(counts);
        var known = vocabulary.ToHashSet(StringComparer.Ordinal);
        var random = new Random(seed + 1);
        foreach (var (word, i) in AccentedWords.Select((w, i) => (w, i)))
        {
            vocabulary.Insert(Math.Min(vocabulary.Count, 300 + i * 150), word);
            known.Add(word);
        }

        while (vocabulary.Count < VocabularySize)
        {
            var word = string.Concat(Enumerable.Range(0, random.Next(2, 5)).Select(_ => Syllables[random.Next(Syllables.Length)]));
            if (known.Add(word))
            {
                vocabulary.Add(word);
            }
        }

        return vocabulary;
    }

    /// <summary>A word by the Zipf-like distribution.</summary>
    public string Word()
    {
        var index = Array.BinarySearch(_cumulative, _random.NextDouble());
        return Vocabulary[index < 0 ? Math.Min(~index, Vocabulary.Count - 1) : index];
    }

    public string Sentence(int minWords, int maxWords, bool period = true)
    {
        var words = Enumerable.Range(0, _random.Next(minWords, maxWords + 1)).Select(_ => Word()).ToArray();
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words) + (period ? "." : "");
    }

    /// <summary>Paragraphs of three to six sentences, separated by blank lines, 200 to 600 words in all.</summary>
    public string Body()
    {
        var body = new StringBuilder();
        var target = _random.Next(200, 601);
        var words = 0;
        while (words < target)
        {
            var paragraph = string.Join(' ', Enumerable.Range(0, _random.Next(3, 7)).Select(_ => Sentence(8, 20)));
            words += CountWords(paragraph);
            body.Append(body.Length > 0 ? "\n\n" : "").Append(paragraph);
        }

        return body.ToString();
    }

    /// <summary>0 to count - 1, low numbers more often: some tags and some reporters are busier than others.</summary>
    public int Skewed(int count) => (int)(count * Math.Pow(_random.NextDouble(), 2));

    public static int CountWords(string text) => text.Count(c => c == ' ' || c == '\n') + 1;

    /// <summary>The words of <paramref name="text"/>, as search tokenizes them (letters only).</summary>
    public static IEnumerable<string> Words(string text) => WordPattern().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex WordPattern();
}
