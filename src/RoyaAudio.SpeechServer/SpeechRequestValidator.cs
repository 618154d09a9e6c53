using System.Text.Json;

namespace RoyaAudio.SpeechServer;

/// <summary>
/// Checks a speech request body the way the services do and answers with their kind of message, so a
/// client that passes here sends what the real endpoint accepts.
/// </summary>
internal static class SpeechRequestValidator
{
    public const int MaxInputCharacters = 4096;
    public const double MinSpeed = 0.25;
    public const double MaxSpeed = 4.0;

    public static readonly IReadOnlyList<string> Voices =
        ["alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "verse"];

    /// <summary>Formats this server renders.</summary>
    public static readonly IReadOnlyList<string> Formats = ["mp3", "wav", "pcm"];

    /// <summary>Formats the services accept but this server does not render.</summary>
    private static readonly string[] OtherServiceFormats = ["opus", "aac", "flac"];

    private static readonly string[] KnownFields =
        ["model", "input", "voice", "response_format", "speed", "instructions", "stream_format"];

    public static (SpeechFields Fields, ServiceError? Error) Validate(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (SpeechFields.None, ServiceError.InvalidRequest(
                "We could not parse the JSON body of your request. The API expects a JSON payload, but what was sent was not valid JSON.",
                null,
                null));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (SpeechFields.None, ServiceError.InvalidRequest(
                    $"Invalid type for the JSON body: expected an object, but got {Describe(root)} instead.", null, "invalid_type"));
            }

            var fields = Collect(root);
            return (fields, Check(root, fields));
        }
    }

    /// <summary>Everything readable, whatever else is wrong, so the log shows what was sent.</summary>
    private static SpeechFields Collect(JsonElement root) => new(
        StringOf(root, "model"),
        StringOf(root, "input"),
        StringOf(root, "voice"),
        StringOf(root, "response_format"),
        root.TryGetProperty("speed", out var speed) && speed.ValueKind == JsonValueKind.Number ? speed.GetDouble() : null,
        StringOf(root, "instructions"));

    private static ServiceError? Check(JsonElement root, SpeechFields fields)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name))
            {
                return ServiceError.InvalidRequest($"Unrecognized request argument supplied: {property.Name}", property.Name, "unknown_parameter");
            }
        }

        return CheckModel(root)
            ?? CheckInput(root, fields.Input)
            ?? CheckVoice(root, fields.Voice)
            ?? CheckFormat(root, fields.ResponseFormat)
            ?? CheckSpeed(root)
            ?? CheckString(root, "instructions")
            ?? CheckStreamFormat(root);
    }

    private static ServiceError? CheckModel(JsonElement root)
    {
        if (!Present(root, "model", out var model) || (model.ValueKind == JsonValueKind.String && model.GetString()!.Length == 0))
        {
            return ServiceError.InvalidRequest("you must provide a model parameter", "model", "missing_required_parameter");
        }

        return CheckString(root, "model");
    }

    private static ServiceError? CheckInput(JsonElement root, string? input)
    {
        if (!Present(root, "input", out _))
        {
            return ServiceError.InvalidRequest("Missing required parameter: 'input'.", "input", "missing_required_parameter");
        }

        if (CheckString(root, "input") is { } typeError)
        {
            return typeError;
        }

        if (input!.Length == 0)
        {
            return ServiceError.InvalidRequest(
                "Invalid 'input': empty string. Expected a string with minimum length 1, but got an empty string instead.", "input", "empty_string");
        }

        // The services count characters (code points), not UTF-16 units or UTF-8 bytes: Arabic and emoji count once each.
        var characters = input.EnumerateRunes().Count();
        if (characters > MaxInputCharacters)
        {
            return ServiceError.InvalidRequest(
                $"Invalid 'input': string too long. Expected a string with maximum length {MaxInputCharacters}, but got a string with length {characters} instead.",
                "input",
                "string_above_max_length");
        }

        return null;
    }

    private static ServiceError? CheckVoice(JsonElement root, string? voice)
    {
        if (!Present(root, "voice", out _))
        {
            return ServiceError.InvalidRequest("Missing required parameter: 'voice'.", "voice", "missing_required_parameter");
        }

        if (CheckString(root, "voice") is { } typeError)
        {
            return typeError;
        }

        return Voices.Contains(voice!)
            ? null
            : ServiceError.InvalidRequest($"Invalid value: '{voice}'. Supported values are: {List(Voices)}.", "voice", "invalid_value");
    }

    private static ServiceError? CheckFormat(JsonElement root, string? format)
    {
        if (!Present(root, "response_format", out _))
        {
            return null;
        }

        if (CheckString(root, "response_format") is { } typeError)
        {
            return typeError;
        }

        if (Formats.Contains(format!))
        {
            return null;
        }

        if (OtherServiceFormats.Contains(format!))
        {
            return ServiceError.InvalidRequest(
                $"Invalid 'response_format': '{format}' is unsupported by this server. Supported values are: {List(Formats)}.",
                "response_format",
                "unsupported_value");
        }

        return ServiceError.InvalidRequest(
            $"Invalid value: '{format}'. Supported values are: {List([.. Formats, .. OtherServiceFormats])}.", "response_format", "invalid_value");
    }

    private static ServiceError? CheckSpeed(JsonElement root)
    {
        if (!Present(root, "speed", out var speed))
        {
            return null;
        }

        if (speed.ValueKind != JsonValueKind.Number)
        {
            return ServiceError.InvalidRequest(
                $"Invalid type for 'speed': expected a decimal, but got {Describe(speed)} instead.", "speed", "invalid_type");
        }

        var value = speed.GetDouble();
        if (value < MinSpeed)
        {
            return ServiceError.InvalidRequest(
                $"Invalid 'speed': decimal below minimum value. Expected a value >= {MinSpeed}, but got {value} instead.", "speed", "decimal_below_min_value");
        }

        if (value > MaxSpeed)
        {
            return ServiceError.InvalidRequest(
                $"Invalid 'speed': decimal above maximum value. Expected a value <= {MaxSpeed}, but got {value} instead.", "speed", "decimal_above_max_value");
        }

        return null;
    }

    private static ServiceError? CheckStreamFormat(JsonElement root)
    {
        if (!Present(root, "stream_format", out var streamFormat))
        {
            return null;
        }

        if (CheckString(root, "stream_format") is { } typeError)
        {
            return typeError;
        }

        // Only whole-file answers are rendered; server-sent events are not.
        return streamFormat.GetString() == "audio"
            ? null
            : ServiceError.InvalidRequest(
                $"Invalid 'stream_format': '{streamFormat.GetString()}' is unsupported by this server. Supported values are: 'audio'.",
                "stream_format",
                "unsupported_value");
    }

    /// <summary>A present, non-null value must be a string.</summary>
    private static ServiceError? CheckString(JsonElement root, string name) =>
        Present(root, name, out var value) && value.ValueKind != JsonValueKind.String
            ? ServiceError.InvalidRequest($"Invalid type for '{name}': expected a string, but got {Describe(value)} instead.", name, "invalid_type")
            : null;

    /// <summary>JSON null counts as absent, as it does for the services' optional fields.</summary>
    private static bool Present(JsonElement root, string name, out JsonElement value) =>
        root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static string? StringOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "an integer" : "a decimal",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string List(IEnumerable<string> values)
    {
        var quoted = values.Select(v => $"'{v}'").ToList();
        return string.Join(", ", quoted[..^1]) + ", and " + quoted[^1];
    }
}
