using System.ComponentModel.DataAnnotations;
using System.Net;

namespace RoyaAudio.Server.Hosting;

/// <summary>
/// Section <c>Service</c>: how the service is reached from outside. Behind a TLS-terminating load balancer
/// or CDN, name the proxies (so the client's own address, not the balancer's, counts for rate limits) and
/// the public address every absolute URL is built on. Both proxy lists are empty by default, so no client
/// can spoof <c>X-Forwarded-For</c>.
/// </summary>
public sealed class ServiceOptions : IValidatableObject
{
    public const string Section = "Service";

    /// <summary>The address listeners and the CMS use, e.g. <c>https://audio.example.org/</c>; media, captions, feeds and embeds are built on it.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Addresses of proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/8</c>) of such proxies.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>The public base without its trailing slash, or null when none is set.</summary>
    public string? PublicRoot => string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : PublicBaseUrl.Trim().TrimEnd('/');

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicRoot is { } root
            && !(Uri.TryCreate(root, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0 && uri.Fragment.Length == 0))
        {
            yield return new ValidationResult(
                $"Service:PublicBaseUrl '{PublicBaseUrl}' is not an http(s) address without query: write it like https://audio.example.org/", [nameof(PublicBaseUrl)]);
        }

        for (var i = 0; i < KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i]?.Trim(), out _))
            {
                yield return new ValidationResult(
                    $"Service:KnownProxies:{i} '{KnownProxies[i]}' is not an IP address: write one like 10.0.0.5 (networks go in Service:KnownNetworks)", [nameof(KnownProxies)]);
            }
        }

        for (var i = 0; i < KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(KnownNetworks[i]?.Trim(), out _))
            {
                yield return new ValidationResult(
                    $"Service:KnownNetworks:{i} '{KnownNetworks[i]}' is not a network: write it in CIDR form like 10.0.0.0/8", [nameof(KnownNetworks)]);
            }
        }
    }
}
