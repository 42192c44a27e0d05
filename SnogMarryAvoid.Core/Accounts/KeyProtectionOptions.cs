using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SnogMarryAvoid.Core.Settings;

namespace SnogMarryAvoid.Core.Accounts;

/// <summary>
/// The certificate that encrypts the data-protection keys (which protect sign-in and participant cookies)
/// before they are stored in the database. Unset, the keys are stored as they are, and ASP.NET Core warns
/// at every start; set, no key is ever written in plain, and every server needs the same certificate.
/// Earlier certificates, kept for reading keys written before a change of certificate, go in
/// <c>DataProtection:PreviousCertificatePaths</c>.
/// </summary>
public sealed class KeyProtectionOptions : ISettings
{
    public const string PathForm = "the path of a PKCS#12 (.pfx) file holding a certificate and its private key";

    public static string Section => "DataProtection";

    [SettingForm(PathForm)]
    public string? CertificatePath { get; set; }

    [SettingForm("the .pfx file's password")]
    public string? CertificatePassword { get; set; }

    [SettingForm("paths of earlier .pfx files (same password) separated by commas")]
    public string? PreviousCertificatePaths { get; set; }

    public IEnumerable<string> Problems()
    {
        foreach (var (key, path) in Paths())
        {
            if (Load(path, out var problem) is { } loaded)
            {
                loaded.Dispose();
            }
            else
            {
                yield return $"{key} cannot be used ({problem}): expected {PathForm}.";
            }
        }
    }

    /// <summary>The certificate that encrypts new keys, or null to store them unencrypted.</summary>
    public X509Certificate2? Certificate() => CertificatePath is { Length: > 0 } path ? Load(path, out _) : null;

    /// <summary>Every certificate that may decrypt a stored key: the current one and the earlier ones.</summary>
    public IEnumerable<X509Certificate2> Decryptors() =>
        Paths().Select(p => Load(p.Path, out _)).OfType<X509Certificate2>();

    private IEnumerable<(string Key, string Path)> Paths()
    {
        if (CertificatePath is { Length: > 0 } current)
        {
            yield return ($"{Section}:CertificatePath", current);
        }

        foreach (var earlier in (PreviousCertificatePaths ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return ($"{Section}:PreviousCertificatePaths", earlier);
        }
    }

    private X509Certificate2? Load(string path, out string problem)
    {
        problem = "";
        if (!File.Exists(path))
        {
            problem = "no such file";
            return null;
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
            if (certificate.HasPrivateKey && certificate.GetRSAPrivateKey() is not null)
            {
                return certificate;
            }

            problem = "it has no RSA private key";
            certificate.Dispose();
            return null;
        }
        catch (CryptographicException ex)
        {
            // The message says what is wrong (a wrong password, not a PKCS#12 file) without the password.
            problem = ex.Message;
            return null;
        }
    }
}
