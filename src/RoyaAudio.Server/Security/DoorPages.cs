using System.Net;
using System.Security.Claims;

namespace RoyaAudio.Server.Security;

/// <summary>
/// The pages at the desk's door: signing in with a key, and the refusal a signed-in editor meets at an
/// admin's page (the job dashboard). Plain HTML with one stylesheet of ours; no script.
/// </summary>
internal static class DoorPages
{
    public const string StylesPath = "/editor/sign-in.css";

    /// <summary>Our stylesheet and a form back to us; nothing else loads, nothing frames the page.</summary>
    public const string Policy = "default-src 'none'; style-src 'self'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static string SignIn(string returnUrl, bool failed)
    {
        var message = failed
            ? """<p class="problem" role="alert" id="key-problem">That key is not known. Check it and try again.</p>"""
            : "";
        var described = failed ? """ aria-describedby="key-problem" aria-invalid="true" """ : " ";
        return Page("Sign in", $"""
            <h2>Sign in</h2>
            <p class="lead">The audio desk is for the newsroom's editors. Sign in with the key you were given.</p>
            {message}
            <form method="post" action="{EditorSignIn.LoginPath}">
            <label for="key">Key</label>
            <input id="key" name="key" type="password" autocomplete="current-password" required autofocus{described.TrimEnd()}>
            <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
            <button type="submit">Sign in</button>
            </form>
            """);
    }

    public static string Refused(ClaimsPrincipal user, PathString root)
    {
        var name = WebUtility.HtmlEncode(user.Identity?.Name ?? "");
        var role = WebUtility.HtmlEncode(user.FindFirst(ClaimTypes.Role)?.Value ?? "editor");
        var back = WebUtility.HtmlEncode(root + "/editor");
        return Page("Not for this key", $"""
            <h2>This page is for admins</h2>
            <p class="lead">You are signed in as <strong>{name}</strong> ({role}). The job dashboard is open to admin keys only.</p>
            <p class="actions"><a class="button" href="{back}">Back to the desk</a></p>
            <form method="post" action="{WebUtility.HtmlEncode(root + "/editor/logout")}"><button type="submit" class="quiet">Sign out and use another key</button></form>
            """);
    }

    private static string Page(string title, string body) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>RoyaAudio desk: {title}</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="{StylesPath}">
        </head>
        <body>
        <main class="door">
        <h1>RoyaAudio <span>desk</span></h1>
        <div class="card">
        {body}
        </div>
        </main>
        </body>
        </html>

        """;
}
