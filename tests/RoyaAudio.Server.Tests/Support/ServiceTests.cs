namespace RoyaAudio.Server.Tests.Support;

/// <summary>Hosted-service tests run one at a time: Hangfire keeps some configuration process-wide.</summary>
[CollectionDefinition(Name)]
public sealed class ServiceTests
{
    public const string Name = "service";
}
