using Microsoft.AspNetCore.Http.HttpResults;

namespace RoyaAudio.Server.Operations;

/// <summary>Every refusal is <c>application/problem+json</c> whose detail names the problem.</summary>
public static class Problems
{
    public static ProblemHttpResult Of(int status, string detail, string? title = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    public static ProblemHttpResult NotFound(string what) => Of(StatusCodes.Status404NotFound, $"{what} is not known here");
}
