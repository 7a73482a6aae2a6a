using System.Globalization;
using Hush.ExtProc.Approvals;

namespace Hush.ExtProc.Api;

/// <summary>
/// <c>/api/holds</c>: list and read holds, approve or deny one. Decisions go through <see cref="ApprovalService"/>,
/// which enforces the approver groups, no self-approval, the justification and the digest binding.
/// </summary>
internal sealed class HoldsApi
{
    /// <summary>Holds listed when the request names no limit.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Largest <c>limit</c> accepted.</summary>
    public const int MaxLimit = 1000;

    // Ids are "hold_" + 26 base32 characters; anything much longer is not worth a database round trip.
    private const int MaxIdLength = 64;

    private readonly ApprovalService _approvals;
    private readonly ApiAuth _auth;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the handlers.</summary>
    public HoldsApi(ApprovalService approvals, ApiAuth auth, TimeProvider time, ILogger logger)
    {
        _approvals = approvals;
        _auth = auth;
        _time = time;
        _logger = logger;
    }

    /// <summary>Maps the routes.</summary>
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/holds", new RequestDelegate(ListAsync));
        routes.MapGet("/api/holds/{id}", new RequestDelegate(GetAsync));
        routes.MapPost("/api/holds/{id}/approve", new RequestDelegate(context => DecideAsync(context, approve: true)));
        routes.MapPost("/api/holds/{id}/deny", new RequestDelegate(context => DecideAsync(context, approve: false)));
    }

    private async Task ListAsync(HttpContext context)
    {
        if (await _auth.AuthenticateAsync(context).ConfigureAwait(false) is not { } caller)
        {
            return;
        }

        var query = context.Request.Query;
        HoldStatus? status = HoldStatus.Pending;
        if (query.TryGetValue("status", out var statusValues))
        {
            if (statusValues.Count != 1 || !TryParseStatus(statusValues[0], out status))
            {
                await BadParameter(context, "status", "pending, approved, denied, expired or all").ConfigureAwait(false);
                return;
            }
        }

        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitValues)
            && (limitValues.Count != 1 || !int.TryParse(limitValues[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit)
                || limit is < 1 or > MaxLimit))
        {
            await BadParameter(context, "limit", "an integer from 1 to 1000").ConfigureAwait(false);
            return;
        }

        var holds = await _approvals.ListAsync(status, limit, context.RequestAborted).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        await ApiErrors.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("holds");
            foreach (var hold in holds)
            {
                HoldJson.Write(writer, hold with { MaskedAnswer = null }, HoldJson.CanDecide(hold, caller, now));
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private async Task GetAsync(HttpContext context)
    {
        if (await _auth.AuthenticateAsync(context).ConfigureAwait(false) is not { } caller)
        {
            return;
        }

        var hold = await FindAsync(context).ConfigureAwait(false);
        if (hold is null)
        {
            await NotFound(context).ConfigureAwait(false);
            return;
        }

        await WriteHoldAsync(context, hold, HoldJson.CanDecide(hold, caller, _time.GetUtcNow())).ConfigureAwait(false);
    }

    private async Task DecideAsync(HttpContext context, bool approve)
    {
        if (await _auth.AuthenticateAsync(context).ConfigureAwait(false) is not { } caller)
        {
            return;
        }

        var id = context.Request.RouteValues["id"] as string ?? "";
        var (request, bodyError) = await DecisionRequest.ReadAsync(context).ConfigureAwait(false);
        if (request is null)
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "invalid_json", bodyError ?? "bad request body").ConfigureAwait(false);
            return;
        }

        if (id.Length > MaxIdLength)
        {
            await NotFound(context).ConfigureAwait(false);
            return;
        }

        var result = await _approvals.DecideAsync(id, caller, approve, request.Justification, request.Digest, context.RequestAborted)
            .ConfigureAwait(false);
        if (result.Error == DecisionError.None && result.Hold is { } decided)
        {
            ApiLog.Decided(_logger, decided.Id, approve ? "approved" : "denied", caller.Subject);
            await WriteHoldAsync(context, decided, canDecide: false).ConfigureAwait(false);
            return;
        }

        ApiLog.DecisionRefused(_logger, id, caller.Subject, result.Error.ToString());
        var (status, type, message) = Describe(result.Error);
        await ApiErrors.WriteAsync(context, status, type, message).ConfigureAwait(false);
    }

    private async Task<HoldRecord?> FindAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string;
        return id is null || id.Length > MaxIdLength ? null : await _approvals.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task WriteHoldAsync(HttpContext context, HoldRecord hold, bool canDecide) =>
        ApiErrors.WriteJsonAsync(context, StatusCodes.Status200OK, writer => HoldJson.Write(writer, hold with { MaskedAnswer = null }, canDecide));

    private static Task NotFound(HttpContext context) =>
        ApiErrors.WriteAsync(context, StatusCodes.Status404NotFound, "not_found", "no hold with this id");

    private static Task BadParameter(HttpContext context, string name, string expected) =>
        ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "invalid_parameter", name + ": expected " + expected);

    private static bool TryParseStatus(string? text, out HoldStatus? status)
    {
        status = null;
        switch (text)
        {
            case "pending": status = HoldStatus.Pending; return true;
            case "approved": status = HoldStatus.Approved; return true;
            case "denied": status = HoldStatus.Denied; return true;
            case "expired": status = HoldStatus.Expired; return true;
            case "all": return true;
            default: return false;
        }
    }

    private static (int Status, string Type, string Message) Describe(DecisionError error) => error switch
    {
        DecisionError.NotFound => (StatusCodes.Status404NotFound, "not_found", "no hold with this id"),
        DecisionError.JustificationRequired => (StatusCodes.Status400BadRequest, "justification_required", "a non-blank justification is required"),
        DecisionError.OwnHold => (StatusCodes.Status403Forbidden, "own_hold", "the requester of a hold cannot decide it"),
        DecisionError.NotAnApprover => (StatusCodes.Status403Forbidden, "not_an_approver", "you are in none of this hold's approver groups"),
        DecisionError.NotPending => (StatusCodes.Status409Conflict, "not_pending", "the hold was already decided or has expired"),
        DecisionError.DigestMismatch => (StatusCodes.Status409Conflict, "digest_mismatch", "the held answer is not the one you reviewed"),
        _ => (StatusCodes.Status500InternalServerError, "internal", "unexpected decision outcome"),
    };
}
