namespace RoyaAudio.Server.Operations;

/// <summary>Every refusal is <c>application/problem+json</c> whose detail names the problem.</summary>
public static class Problems
{
    public static IResult Of(int status, string detail, string? title = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title);

    public static IResult NotFound(string what) => Of(StatusCodes.Status404NotFound, $"{what} is not known here");
}
