using System.Security.Cryptography;
using System.Text;

namespace Masthead.Core.SecondFactors;

/// <summary>
/// Single-use codes for when the authenticator app or passkey is not at hand: ten of them, shown once, stored only
/// as hashes. Each is ten letters and digits (about 50 bits), so a fast hash is enough: nobody can try them all.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;

    // No 0/o, 1/l/i: codes are read off paper.
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static string[] Generate() => [.. Enumerable.Range(0, Count).Select(_ => New())];

    /// <summary>A code as typed (any case, spaces or a dash), in the one form that is hashed.</summary>
    public static string Normalize(string typed) =>
        new([.. typed.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToLowerInvariant)]);

    public static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));

    /// <summary>Whether what was typed has the shape of a recovery code (rather than an app's six digits).</summary>
    public static bool LooksLikeOne(string typed) => Normalize(typed) is { Length: 10 } code && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    private static string New()
    {
        var letters = new char[10];
        for (var i = 0; i < letters.Length; i++)
        {
            letters[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{new string(letters, 0, 5)}-{new string(letters, 5, 5)}";
    }
}
