using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace RoyaAudio.Server.Hosting;

/// <summary>
/// Believes <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from the proxies <see cref="ServiceOptions"/>
/// names, and from no one else: ASP.NET trusts loopback by default, which is dropped here, because a
/// sidecar on the same host is as much a client as any other until it is named.
/// </summary>
public static class ProxyAwareness
{
    public static void AddProxyAwareness(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ServiceOptions>>((forwarded, service) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            // Walk back through a chain of named proxies (a CDN in front of a balancer), stopping at the first stranger.
            forwarded.ForwardLimit = null;
            foreach (var proxy in service.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
            }

            foreach (var network in service.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
            }
        });
    }
}
