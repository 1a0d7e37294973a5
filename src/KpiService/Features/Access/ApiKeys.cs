using System.Security.Cryptography;
using System.Text;

namespace KpiService.Features.Access;

/// <summary>
/// Keys look like <c>kpi_{clientId}_{secret}</c>. Only a salted SHA-256 of the secret is stored. A fast hash is
/// enough here (unlike passwords) because the secret is 256 random bits: there is nothing to guess, and checking a
/// key stays in microseconds on every request. Comparison is constant-time.
/// </summary>
public static class ApiKeys
{
    public static (string ClientId, string Key, byte[] Salt, byte[] Hash) Generate()
    {
        var clientId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var (key, salt, hash) = GenerateFor(clientId);
        return (clientId, key, salt, hash);
    }

    /// <summary>A fresh key for an existing client (rotation).</summary>
    public static (string Key, byte[] Salt, byte[] Hash) GenerateFor(string clientId)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var salt = RandomNumberGenerator.GetBytes(16);
        return ($"kpi_{clientId}_{secret}", salt, Hash(salt, secret));
    }

    public static bool TryParse(string key, out string clientId, out string secret)
    {
        clientId = secret = "";
        var parts = key.Split('_', 3);
        if (parts.Length != 3 || parts[0] != "kpi" || parts[1].Length != 12 || parts[2].Length < 20) return false;
        (clientId, secret) = (parts[1], parts[2]);
        return true;
    }

    public static byte[] Hash(byte[] salt, string secret) => SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(secret)]);

    public static bool Matches(byte[] salt, byte[] expectedHash, string secret) =>
        CryptographicOperations.FixedTimeEquals(Hash(salt, secret), expectedHash);

    /// <summary>The configured admin key compared in constant time (hashing both first evens out lengths).</summary>
    public static bool IsAdminKey(string presented, string adminKey) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(adminKey)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
