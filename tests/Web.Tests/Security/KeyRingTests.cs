using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using FollowUp.Web.Application.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FollowUp.Tests.Security;

/// <summary>
/// <c>FollowUp:Security:KeyRingCertificate</c>: the Data Protection keys (they sign staff session cookies) are stored
/// encrypted with the certificate, so a copy of data_protection_keys forges nothing; another web node with the same
/// certificate reads them; one without it cannot.
/// </summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"keyring-{Guid.NewGuid():N}.pfx");

    public KeyRingTests()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=FollowUp key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(_pfx, certificate.Export(X509ContentType.Pfx, "pfx-pass"));
    }

    [Fact]
    public void The_keys_are_stored_encrypted_and_read_by_a_node_with_the_same_certificate_only()
    {
        var options = new SecurityOptions { KeyRingCertificate = _pfx, KeyRingCertificatePassword = "pfx-pass" };
        var store = new MemoryRepository();
        var ticket = Node(store, options).CreateProtector("cookie").Protect("staff session");

        var stored = Assert.Single(store.GetAllElements()).ToString();
        Assert.Contains("EncryptedData", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", stored, StringComparison.Ordinal); // the secret itself is not in clear
        Assert.Equal("staff session", Node(store, options).CreateProtector("cookie").Unprotect(ticket));
        Assert.ThrowsAny<CryptographicException>(() => Node(store, new SecurityOptions()).CreateProtector("cookie").Unprotect(ticket));
    }

    [Fact]
    public void Without_a_certificate_none_is_loaded_and_a_missing_file_is_refused_naming_the_key()
    {
        Assert.Null(SecurityHosting.KeyRingCertificate(new SecurityOptions()));
        Assert.Contains("FollowUp:Security:KeyRingCertificate: no file '/nowhere/keyring.pfx'",
            TestConfig.Refusal<SecurityOptions>(("FollowUp:Security:KeyRingCertificate", "/nowhere/keyring.pfx")), StringComparison.Ordinal);
    }

    /// <summary>A web node's Data Protection (<see cref="SecurityHosting.AddFollowUpDataProtection"/>), its key ring in
    /// <paramref name="store"/> instead of PostgreSQL (a data source that is never opened).</summary>
    private static IDataProtectionProvider Node(IXmlRepository store, SecurityOptions options)
    {
        var services = new ServiceCollection();
        services.AddSingleton(NpgsqlDataSource.Create("Host=127.0.0.1;Database=unused"));
        services.AddFollowUpDataProtection(options);
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = store);
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }

    public void Dispose() => File.Delete(_pfx);

    private sealed class MemoryRepository : IXmlRepository
    {
        private readonly List<XElement> _elements = [];
        public IReadOnlyCollection<XElement> GetAllElements() { lock (_elements) return [.. _elements]; }
        public void StoreElement(XElement element, string friendlyName) { lock (_elements) _elements.Add(element); }
    }
}
