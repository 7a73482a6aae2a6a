using System.Globalization;
using System.Text;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Audit;

namespace Hush.ExtProc.Api;

/// <summary>
/// The audit trail for auditors (<see cref="Auth.AuthOptions.AuditorGroups"/>): <c>GET /audit</c> streams the matching
/// records as JSON lines (the canonical form with its hash, as <c>hush audit export</c> writes them) and
/// <c>GET /api/audit/{seq}</c> returns one record as JSON.
/// </summary>
internal sealed class AuditApi
{
    /// <summary>The media type of the export.</summary>
    public const string NdjsonContentType = "application/x-ndjson; charset=utf-8";

    private readonly IAuditStore _store;
    private readonly ApiAuth _auth;
    private readonly ILogger _logger;

    /// <summary>Creates the handlers.</summary>
    public AuditApi(IAuditStore store, ApiAuth auth, ILogger logger)
    {
        _store = store;
        _auth = auth;
        _logger = logger;
    }

    /// <summary>Maps the routes.</summary>
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/audit", new RequestDelegate(ExportAsync));
        routes.MapGet("/api/audit/{seq}", new RequestDelegate(GetAsync));
    }

    private async Task ExportAsync(HttpContext context)
    {
        if (await AuthorizeAsync(context).ConfigureAwait(false) is not { } caller)
        {
            return;
        }

        var filter = AuditQuery.Parse(context.Request.Query, out var parameter, out var expected);
        if (filter is null)
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "invalid_parameter", parameter + ": expected " + expected)
                .ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = NdjsonContentType;
        ApiHeaders.NoStore(response);
        try
        {
            await _store.WriteJsonLinesAsync(filter, response.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ApiLog.ExportFailed(_logger, caller.Subject, ex);
            if (!response.HasStarted)
            {
                await ApiErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "audit_unavailable", "the audit store cannot be read")
                    .ConfigureAwait(false);
                return;
            }

            // Lines already went out with a 200: abort the connection so the client sees a truncated export
            // rather than a complete-looking one.
            context.Abort();
        }
    }

    private async Task GetAsync(HttpContext context)
    {
        if (await AuthorizeAsync(context).ConfigureAwait(false) is null)
        {
            return;
        }

        if (context.Request.RouteValues["seq"] is not string text
            || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1)
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "invalid_parameter", "seq: expected a record sequence number (1 or more)")
                .ConfigureAwait(false);
            return;
        }

        AuditRecord? found = null;
        await foreach (var record in _store.QueryAsync(new AuditFilter { AfterSequence = sequence - 1, Limit = 1 }, context.RequestAborted)
            .ConfigureAwait(false))
        {
            found = record.Sequence == sequence ? record : null;
            break;
        }

        if (found is null)
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status404NotFound, "not_found", "no audit record with this sequence number")
                .ConfigureAwait(false);
            return;
        }

        var body = Encoding.UTF8.GetBytes(AuditCanonical.Form(found, includeHash: true));
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ApiErrors.JsonContentType;
        response.ContentLength = body.Length;
        ApiHeaders.NoStore(response);
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<ApproverIdentity?> AuthorizeAsync(HttpContext context)
    {
        if (await _auth.AuthenticateAsync(context).ConfigureAwait(false) is not { } caller)
        {
            return null;
        }

        if (!_auth.Validator.IsAuditor(caller.Groups))
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status403Forbidden, "not_an_auditor",
                "reading the audit trail needs one of the groups " + string.Join(", ", _auth.Validator.Options.EffectiveAuditorGroups)).ConfigureAwait(false);
            return null;
        }

        return caller;
    }
}
