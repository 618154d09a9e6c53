using Microsoft.Extensions.Options;

namespace RoyaAudio.Server.Hosting;

/// <summary>
/// The root every absolute URL the service emits is built on: <c>Service:PublicBaseUrl</c> when set, else
/// the scheme (made https by a named proxy's <c>X-Forwarded-Proto</c>), host and path base of the request.
/// </summary>
public sealed class PublicAddress(IOptions<ServiceOptions> options)
{
    /// <summary>Scheme, host and path base, without a trailing slash.</summary>
    public string Root(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return options.Value.PublicRoot ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    /// <summary>Scheme and host only, for Content-Security-Policy sources.</summary>
    public string Origin(HttpRequest request) => new Uri(Root(request)).GetLeftPart(UriPartial.Authority);
}
