using RoyaAudio.Articles;

namespace RoyaAudio.Tests.Articles;

public class ArticleReaderTests
{
    [Fact]
    public void Reads_every_field_of_a_cms_article()
    {
        var article = ArticleReader.Parse("""
            { "id": "a-1", "language": "AR", "title": "T", "body": "<p>B</p>", "summary": ["s1"],
              "url": "https://x", "publishedAt": "2026-03-21T09:00:00Z", "status": "draft" }
            """);

        Assert.Equal("a-1", article.Id);
        Assert.Equal("ar", article.Language);
        Assert.Equal(["s1"], article.Summary);
        Assert.Equal(ArticleStatus.Draft, article.Status);
        Assert.Equal(new DateTimeOffset(2026, 3, 21, 9, 0, 0, TimeSpan.Zero), article.PublishedAt);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "must be an object")]
    [InlineData("""{"language":"en","title":"t","body":"b"}""", "missing the field 'id'")]
    [InlineData("""{"id":"a","language":"fr","title":"t","body":"b"}""", "unknown language 'fr'")]
    [InlineData("""{"id":"a","language":"en","title":"","body":"b"}""", "field 'title' is empty")]
    [InlineData("""{"id":"a","language":"en","title":5,"body":"b"}""", "'title' must be a string, not a number")]
    [InlineData("""{"id":"../etc/passwd","language":"en","title":"t","body":"b"}""", "is not allowed")]
    [InlineData("""{"id":"a/b","language":"en","title":"t","body":"b"}""", "is not allowed")]
    [InlineData("""{"id":"abc\n","language":"en","title":"t","body":"b"}""", "is not allowed")]
    [InlineData("""{"id":"a","language":"en","title":"t","body":"b","status":"live"}""", "'status' must be")]
    [InlineData("""{"id":"a","language":"en","title":"t","body":"b","publishedAt":"yesterday"}""", "not an ISO 8601 date")]
    public void Rejects_bad_input_with_a_message_that_names_the_problem(string json, string expected)
    {
        var error = Assert.Throws<ArticleInputException>(() => ArticleReader.Parse(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_rejected_rather_than_read_with_replacement_characters()
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, [.. "{\"id\":\"a\",\"language\":\"en\",\"title\":\"t\",\"body\":\""u8.ToArray(), 0xFF, 0xFE, .. "\"}"u8.ToArray()]);
        var error = Assert.Throws<ArticleInputException>(() => ArticleReader.ReadFile(path));
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
        File.Delete(path);
    }

    [Fact]
    public void A_utf8_file_with_a_byte_order_mark_is_read()
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "{\"id\":\"a\",\"language\":\"ar\",\"title\":\"عنوان\",\"body\":\"نص.\"}"u8.ToArray()]);
        Assert.Equal("عنوان", ArticleReader.ReadFile(path).Title);
        File.Delete(path);
    }

    [Fact]
    public void Rejects_a_body_over_the_limit_without_reading_it_as_speech()
    {
        var body = new string('a', ArticleReader.MaxBodyCharacters + 1);
        var json = $$"""{"id":"a","language":"en","title":"t","body":"{{body}}"}""";
        var error = Assert.Throws<ArticleInputException>(() => ArticleReader.Parse(json));
        Assert.Contains("the limit is", error.Message, StringComparison.Ordinal);
    }
}
