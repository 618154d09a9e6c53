using System.ComponentModel.DataAnnotations;

namespace RoyaAudio.Server.Security;

/// <summary>
/// Section <c>Security</c>. Secrets come from the environment (<c>Security__WebhookSecret</c>,
/// <c>Security__ApiKeys__0__Key</c>), never from a file in the repository.
/// </summary>
public sealed class SecurityOptions : IValidatableObject
{
    public const string Section = "Security";

    /// <summary>Shared with the CMS; signs every webhook body. Without it the webhook refuses all calls.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How far a webhook timestamp may be from our clock before it counts as a replay.</summary>
    [Range(10, 3600, ErrorMessage = "Security:WebhookToleranceSeconds must be 10-3600 (default 300)")]
    public int WebhookToleranceSeconds { get; set; } = 300;

    /// <summary>Largest webhook body accepted; bigger ones get 413.</summary>
    [Range(1024, 64 * 1024 * 1024, ErrorMessage = "Security:MaxBodyBytes must be 1 KB-64 MB (default 8 MB)")]
    public int MaxBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Refused webhook calls (bad or missing signature, stale, too large) a client address may make a minute before it is turned away unheard.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Security:WebhookRefusalsPerMinute must be 1-1000000 (default 20)")]
    public int WebhookRefusalsPerMinute { get; set; } = 20;

    /// <summary>Editor and admin keys for <c>Authorization: Bearer</c>.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WebhookSecret is { Length: > 0 and < 16 })
        {
            yield return new ValidationResult("Security:WebhookSecret is too short: use at least 16 random characters (for example: openssl rand -hex 32)");
        }

        for (var i = 0; i < ApiKeys.Count; i++)
        {
            var key = ApiKeys[i];
            if (string.IsNullOrWhiteSpace(key.Key) || key.Key.Length < 16)
            {
                yield return new ValidationResult($"Security:ApiKeys:{i}:Key must be at least 16 characters (set Security__ApiKeys__{i}__Key in the environment)");
            }

            if (key.Role is not (Roles.Editor or Roles.Admin))
            {
                yield return new ValidationResult($"Security:ApiKeys:{i}:Role '{key.Role}' is unknown: use {Roles.Editor} or {Roles.Admin}");
            }
        }
    }
}

public sealed class ApiKeyOptions
{
    /// <summary>Who holds the key, for logs and the editor page (never the key itself).</summary>
    public string Name { get; set; } = "";

    public string Key { get; set; } = "";

    public string Role { get; set; } = Roles.Editor;
}

public static class Roles
{
    public const string Editor = "editor";
    public const string Admin = "admin";
}
