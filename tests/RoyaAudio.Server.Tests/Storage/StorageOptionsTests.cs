using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RoyaAudio.Server.Storage;

namespace RoyaAudio.Server.Tests.Storage;

public sealed class StorageOptionsTests
{
    [Fact]
    public void The_defaults_keep_audio_on_disk_for_a_day_after_it_is_superseded()
    {
        var options = Bind([]);

        Assert.Empty(Errors(options));
        Assert.True(options.UsesDisk);
        Assert.Equal("data/media", options.Disk.Path);
        Assert.Equal("roya-audio", options.Blob.Container);
        Assert.Equal(1440, options.CollectAfterMinutes);
    }

    [Fact]
    public void Blob_settings_bind_from_configuration()
    {
        var options = Bind(new()
        {
            ["Storage:Provider"] = "blob",
            ["Storage:Blob:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Storage:Blob:Container"] = "news-audio",
            ["Storage:Blob:PublicBaseUrl"] = "https://cdn.example.com/",
            ["Storage:CollectAfterMinutes"] = "60",
        });

        Assert.Empty(Errors(options));
        Assert.True(options.UsesBlob);
        Assert.Equal(("UseDevelopmentStorage=true", "news-audio", "https://cdn.example.com/"), (options.Blob.ConnectionString, options.Blob.Container, options.Blob.PublicBaseUrl));
        Assert.Equal(60, options.CollectAfterMinutes);
    }

    [Fact]
    public void Blob_without_a_connection_string_tells_the_operator_which_variable_to_set()
    {
        var error = Assert.Single(Errors(Bind(new() { ["Storage:Provider"] = "blob" })));

        Assert.Contains("Storage__Blob__ConnectionString", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_validation_reports_the_missing_connection_string()
    {
        var services = new ServiceCollection();
        services.AddOptions<StorageOptions>()
            .Bind(Configuration(new() { ["Storage:Provider"] = "blob" }).GetSection(StorageOptions.Section))
            .ValidateDataAnnotations();

        var error = Assert.Throws<OptionsValidationException>(() => services.BuildServiceProvider().GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("Storage__Blob__ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Storage:Provider", "s3", "Storage:Provider must be disk or blob")]
    [InlineData("Storage:Blob:Container", "Roya_Audio", "Storage:Blob:Container")]
    [InlineData("Storage:Blob:Container", "ab", "Storage:Blob:Container")]
    [InlineData("Storage:Blob:Container", "roya--audio", "Storage:Blob:Container")]
    [InlineData("Storage:Blob:PublicBaseUrl", "cdn.example.com", "Storage:Blob:PublicBaseUrl")]
    [InlineData("Storage:Blob:PublicBaseUrl", "ftp://cdn.example.com/", "Storage:Blob:PublicBaseUrl")]
    [InlineData("Storage:CollectAfterMinutes", "-1", "Storage:CollectAfterMinutes")]
    public void Bad_settings_are_named_in_the_error(string setting, string value, string expected)
    {
        var options = Bind(new()
        {
            ["Storage:Provider"] = "blob",
            ["Storage:Blob:ConnectionString"] = "UseDevelopmentStorage=true",
            [setting] = value,
        });

        Assert.Contains(Errors(options), error => error.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Disk_needs_a_folder()
    {
        var error = Assert.Single(Errors(Bind(new() { ["Storage:Disk:Path"] = " " })));

        Assert.StartsWith("Storage:Disk:Path is required", error, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static StorageOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new StorageOptions();
        Configuration(settings).GetSection(StorageOptions.Section).Bind(options);
        return options;
    }

    private static List<string> Errors(StorageOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(result => result.ErrorMessage ?? "").ToList();
    }
}
