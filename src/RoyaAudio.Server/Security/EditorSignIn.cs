using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace RoyaAudio.Server.Security;

/// <summary>
/// Browsers cannot send a bearer key on every page, so the editor page and the Hangfire dashboard sign in
/// once with the key and then carry an HttpOnly, SameSite=Strict cookie. API callers keep using the
/// bearer key; a request is read with whichever it brings. Cookie-borne changes must also carry the
/// <c>X-Roya-Editor</c> header, which a foreign page cannot add without a CORS preflight we refuse.
/// </summary>
public static class EditorSignIn
{
    public const string CookieScheme = "EditorCookie";
    public const string EitherScheme = "Editor";
    public const string LoginPath = "/editor/login";
    public const string CsrfHeader = "X-Roya-Editor";

    public static void AddEditorAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<EditorKeys>();
        services.AddSingleton<EditorSessions>();
        services.AddSingleton<DatabaseKeyRing>();
        services.AddDataProtection().SetApplicationName("RoyaAudio");
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<DatabaseKeyRing>((o, ring) => o.XmlRepository = ring);
        services.AddAuthentication(EitherScheme)
            .AddPolicyScheme(EitherScheme, "bearer key or editor cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? ApiKeyAuthentication.SchemeName : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "roya_editor";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = LoginPath;
                o.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<EditorSessions>().ValidateAsync(context);
                o.Events.OnRedirectToLogin = context => IsPage(context.Request)
                    ? Redirect(context)
                    : Refuse(context.HttpContext, StatusCodes.Status401Unauthorized, "An editor API key is required: send Authorization: Bearer <key>.", bearer: true);
                o.Events.OnRedirectToAccessDenied = context => IsPage(context.Request) && !AsksForJson(context.Request)
                    ? new DoorPageResult(DoorPages.Refused(context.HttpContext.User, context.Request.PathBase), StatusCodes.Status403Forbidden).ExecuteAsync(context.HttpContext)
                    : Refuse(context.HttpContext, StatusCodes.Status403Forbidden, "This key's role may not do this.", bearer: false);
            });
    }

    /// <summary>Refuses cookie-borne changes that lack the editor page's header.</summary>
    public static IApplicationBuilder UseEditorCsrfGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var unsafeMethod = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method);
            var byCookie = unsafeMethod && context.User.Identity?.AuthenticationType == CookieScheme;
            if (byCookie && context.Request.Path.StartsWithSegments("/hangfire"))
            {
                // The dashboard's own script cannot add our header; its requests carry the page's Origin, and a
                // sibling subdomain's page (same site, so the strict cookie still goes) carries its own.
                if (!FromThisOrigin(context))
                {
                    await Refuse(context, StatusCodes.Status403Forbidden, "dashboard changes must come from the dashboard's own page (Origin)", bearer: false);
                    return;
                }
            }
            else if (byCookie && !context.Request.Headers.ContainsKey(CsrfHeader)
                && !context.Request.Path.StartsWithSegments(LoginPath) && !context.Request.Path.StartsWithSegments("/editor/logout"))
            {
                await Refuse(context, StatusCodes.Status403Forbidden, $"changes from the editor page must carry the {CsrfHeader} header", bearer: false);
                return;
            }

            await next(context);
        });

    public static void MapEditorSignIn(this IEndpointRouteBuilder app)
    {
        var styles = new Lazy<Hosting.PageAsset>(() => new Hosting.PageAsset(Hosting.PageAssets.ReadEmbedded("editor/sign-in.css", "the sign-in page's sign-in.css"), "text/css; charset=utf-8"));
        // Public, like the sign-in page that links it: it holds nothing but how the door looks.
        app.MapGet(DoorPages.StylesPath, (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return styles.Value.Serve();
        }).WithTags("Editors").ExcludeFromDescription();
        app.MapGet(LoginPath, (string? returnUrl) => LoginPage(returnUrl, failed: false)).WithTags("Editors").ExcludeFromDescription();
        app.MapPost(LoginPath, SignInAsync).WithTags("Editors").DisableAntiforgery().ExcludeFromDescription()
            .RequireRateLimiting(RateLimitOptions.Public);
        app.MapPost("/editor/logout", async (HttpContext context, EditorSessions sessions) =>
        {
            await sessions.EndAsync(context.User, context.RequestAborted);
            await context.SignOutAsync(CookieScheme);
            return Results.Redirect(LoginPath);
        }).DisableAntiforgery().ExcludeFromDescription();
    }

    private static async Task<IResult> SignInAsync(HttpContext context, EditorKeys keys, EditorSessions sessions)
    {
        if (!context.Request.HasFormContentType)
        {
            return Results.Problem(detail: "send the key as a form field named key", statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = form["returnUrl"].ToString();
        var principal = keys.SignIn(form["key"], CookieScheme);
        if (principal is null)
        {
            return LoginPage(returnUrl, failed: true);
        }

        await context.SignInAsync(CookieScheme, await sessions.StartAsync(principal, context.RequestAborted));
        // Only our own pages: an open redirect would make the login page a phishing tool.
        return Results.Redirect(IsLocal(returnUrl) ? returnUrl : "/editor");
    }

    /// <summary>
    /// A path on this site that stays one after a browser normalises it: browsers drop tabs and newlines and
    /// read a backslash as a slash, so "/\t/evil.example" would become "//evil.example". Any control
    /// character, whitespace or backslash refuses the address.
    /// </summary>
    internal static bool IsLocal(string? url) =>
        url is { Length: > 0 and <= 2048 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\' || char.IsSurrogate(c));

    private static bool FromThisOrigin(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        var own = context.RequestServices.GetRequiredService<Hosting.PublicAddress>().Origin(context.Request);
        return origin.Length > 0 && string.Equals(origin, own, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An API client that asks for JSON (and not for a page) keeps getting a problem document.</summary>
    private static bool AsksForJson(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsPage(HttpRequest request) =>
        request.Path.StartsWithSegments("/editor") || request.Path.StartsWithSegments("/hangfire");

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect($"{LoginPath}?returnUrl={Uri.EscapeDataString(context.Request.PathBase + context.Request.Path + context.Request.QueryString)}");
        return Task.CompletedTask;
    }

    private static Task Refuse(HttpContext context, int status, string detail, bool bearer)
    {
        if (bearer)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return Results.Problem(detail: detail, statusCode: status).ExecuteAsync(context);
    }

    private static DoorPageResult LoginPage(string? returnUrl, bool failed) =>
        new(DoorPages.SignIn(IsLocal(returnUrl) ? returnUrl! : "/editor", failed), failed ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);

    /// <summary>A page of the door (sign-in, refusal) under its own strict policy: our stylesheet, a form back to us, nothing else.</summary>
    private sealed class DoorPageResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers.ContentSecurityPolicy = DoorPages.Policy;
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            return httpContext.Response.WriteAsync(html);
        }
    }
}
