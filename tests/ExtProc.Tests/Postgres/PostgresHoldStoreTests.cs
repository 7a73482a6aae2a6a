using Hush.ExtProc.Approvals;
using Npgsql;
using static Hush.ExtProc.Tests.Postgres.PostgresHoldTestStore;

namespace Hush.ExtProc.Tests.Postgres;

/// <summary>The PostgreSQL hold store against a real server: round trips, lists, compare-and-set decisions, expiry, release.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresHoldStoreTests(PostgresServerFixture server)
{
    [Fact]
    public async Task CreateGet_RoundTripsEveryField_AnswerOnlyWhenAsked()
    {
        await using var store = await OpenAsync(await server.CreateDatabaseAsync());
        var hold = Sample(1);
        var minimal = Minimal(2);
        await store.CreateAsync(hold).WaitAsync(TestTimeout);
        await store.CreateAsync(minimal).WaitAsync(TestTimeout);

        AssertSame(hold, await store.GetAsync(hold.Id, includeAnswer: true).WaitAsync(TestTimeout));
        AssertSame(hold with { MaskedAnswer = null }, await store.GetAsync(hold.Id).WaitAsync(TestTimeout));
        AssertSame(minimal, await store.GetAsync(minimal.Id, includeAnswer: true).WaitAsync(TestTimeout));
        Assert.Null(await store.GetAsync("hold_missing", includeAnswer: true).WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task Create_StoresPendingAndRefusesDuplicateId()
    {
        var db = await server.CreateDatabaseAsync();
        await using var store = await OpenAsync(db);
        await store.CreateAsync(Sample(1) with { Status = HoldStatus.Approved, DecidedBy = null }).WaitAsync(TestTimeout);
        Assert.Equal(HoldStatus.Pending, (await store.GetAsync(Sample(1).Id).WaitAsync(TestTimeout))!.Status);
        Assert.Equal("pending", await PostgresSql.ScalarAsync(db, "SELECT status FROM hush.holds"));
        var ex = await Assert.ThrowsAsync<PostgresException>(() => store.CreateAsync(Sample(1)).WaitAsync(TestTimeout));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, ex.SqlState);
    }

    [Fact]
    public async Task List_ByStatus_NewestFirstWithoutAnswersAndLimited()
    {
        await using var store = await OpenAsync(await server.CreateDatabaseAsync());
        for (var i = 0; i < 6; i++)
        {
            await store.CreateAsync(Sample(i, minutes: i)).WaitAsync(TestTimeout);
        }

        await Decide(store, Sample(1).Id, approve: true, T0.AddMinutes(10));
        await Decide(store, Sample(4).Id, approve: false, T0.AddMinutes(10));

        var all = await store.ListAsync(null, 100).WaitAsync(TestTimeout);
        Assert.Equal([5, 4, 3, 2, 1, 0], all.Select(h => int.Parse(h.Id[5..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(all, h => Assert.Null(h.MaskedAnswer));
        Assert.Equal([Sample(5).Id, Sample(3).Id, Sample(2).Id, Sample(0).Id],
            (await store.ListAsync(HoldStatus.Pending, 100).WaitAsync(TestTimeout)).Select(h => h.Id));
        Assert.Equal([Sample(1).Id], (await store.ListAsync(HoldStatus.Approved, 100).WaitAsync(TestTimeout)).Select(h => h.Id));
        Assert.Equal([Sample(4).Id], (await store.ListAsync(HoldStatus.Denied, 100).WaitAsync(TestTimeout)).Select(h => h.Id));
        Assert.Empty(await store.ListAsync(HoldStatus.Expired, 100).WaitAsync(TestTimeout));
        Assert.Equal([Sample(5).Id, Sample(3).Id], (await store.ListAsync(HoldStatus.Pending, 2).WaitAsync(TestTimeout)).Select(h => h.Id));
    }

    [Fact]
    public async Task Decide_Pending_AppliedOnceAndReturned()
    {
        await using var store = await OpenAsync(await server.CreateDatabaseAsync());
        var hold = Sample(1);
        await store.CreateAsync(hold).WaitAsync(TestTimeout);
        var at = T0.AddMinutes(5).AddTicks(3);
        var decided = await store.DecideAsync(hold.Id, new HoldDecision(true, "alice", "reviewed the diff", at)).WaitAsync(TestTimeout);
        var expected = hold with { Status = HoldStatus.Approved, DecidedBy = "alice", Justification = "reviewed the diff", DecidedAt = at, MaskedAnswer = null };
        AssertSame(expected, decided);
        AssertSame(expected, await store.GetAsync(hold.Id).WaitAsync(TestTimeout));

        // Final states never change again, whatever the decision.
        Assert.Null(await store.DecideAsync(hold.Id, new HoldDecision(false, "bob", "no", at.AddSeconds(1))).WaitAsync(TestTimeout));
        Assert.Null(await store.DecideAsync("hold_missing", new HoldDecision(true, "bob", "ok", at)).WaitAsync(TestTimeout));
        AssertSame(expected, await store.GetAsync(hold.Id).WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task Decide_AtOrAfterExpiry_Refused()
    {
        await using var store = await OpenAsync(await server.CreateDatabaseAsync());
        var hold = Sample(1);
        await store.CreateAsync(hold).WaitAsync(TestTimeout);
        Assert.Null(await store.DecideAsync(hold.Id, new HoldDecision(true, "alice", "late", hold.ExpiresAt)).WaitAsync(TestTimeout));
        Assert.Equal(HoldStatus.Pending, (await store.GetAsync(hold.Id).WaitAsync(TestTimeout))!.Status);
        var justInTime = await store.DecideAsync(hold.Id, new HoldDecision(false, "alice", "in time", hold.ExpiresAt.AddTicks(-1))).WaitAsync(TestTimeout);
        Assert.Equal(HoldStatus.Denied, justInTime!.Status);
    }

    [Fact]
    public async Task Decide_BoundToDigest_MismatchRefusedMatchApplied()
    {
        await using var store = await OpenAsync(await server.CreateDatabaseAsync());
        var hold = Sample(1);
        await store.CreateAsync(hold).WaitAsync(TestTimeout);
        var wrong = new string('0', 64);
        Assert.Null(await store.DecideAsync(hold.Id, new HoldDecision(true, "alice", "ok", T0, wrong)).WaitAsync(TestTimeout));
        Assert.Equal(HoldStatus.Pending, (await store.GetAsync(hold.Id).WaitAsync(TestTimeout))!.Status);
        var decided = await store.DecideAsync(hold.Id, new HoldDecision(true, "alice", "ok", T0, hold.AnswerDigest.ToUpperInvariant())).WaitAsync(TestTimeout);
        Assert.Equal(HoldStatus.Approved, decided!.Status);
    }

    [Fact]
    public async Task Decide_ConcurrentFromTwoReplicas_ExactlyOneWinsEachHold()
    {
        var db = await server.CreateDatabaseAsync();
        await using var one = await OpenAsync(db);
        await using var two = await OpenAsync(db);
        const int holds = 20;
        for (var i = 0; i < holds; i++)
        {
            await one.CreateAsync(Sample(i)).WaitAsync(TestTimeout);
        }

        var races = Enumerable.Range(0, holds).Select(async i =>
        {
            var id = Sample(i).Id;
            var a = Task.Run(() => one.DecideAsync(id, new HoldDecision(true, "alice", "approve", T0)));
            var b = Task.Run(() => two.DecideAsync(id, new HoldDecision(false, "bob", "deny", T0)));
            var results = await Task.WhenAll(a, b);
            var winner = Assert.Single(results, r => r is not null);
            var stored = await one.GetAsync(id);
            Assert.Equal(winner!.Status, stored!.Status);
            Assert.Equal(winner.DecidedBy, stored.DecidedBy);
        });
        await Task.WhenAll(races).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Empty(await one.ListAsync(HoldStatus.Pending, 100).WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task Expire_TurnsOnlyDuePendingHoldsExpired()
    {
        await using var store = await OpenAsync(await server.CreateDatabaseAsync());
        await store.CreateAsync(Sample(0, minutes: 0)).WaitAsync(TestTimeout);   // expires T0 + 60 min
        await store.CreateAsync(Sample(1, minutes: 10)).WaitAsync(TestTimeout);  // expires T0 + 70 min
        await store.CreateAsync(Sample(2, minutes: 30)).WaitAsync(TestTimeout);  // expires T0 + 90 min
        await Decide(store, Sample(1).Id, approve: false, T0.AddMinutes(20));

        Assert.Empty(await store.ExpireAsync(T0.AddMinutes(59)).WaitAsync(TestTimeout));
        var now = T0.AddMinutes(75);
        var expired = await store.ExpireAsync(now).WaitAsync(TestTimeout);
        var only = Assert.Single(expired);
        Assert.Equal(Sample(0).Id, only.Id);
        Assert.Equal(HoldStatus.Expired, only.Status);
        Assert.Equal(now, only.DecidedAt);
        Assert.Null(only.MaskedAnswer);
        Assert.Equal(HoldStatus.Denied, (await store.GetAsync(Sample(1).Id).WaitAsync(TestTimeout))!.Status);
        Assert.Equal(HoldStatus.Pending, (await store.GetAsync(Sample(2).Id).WaitAsync(TestTimeout))!.Status);
        Assert.Empty(await store.ExpireAsync(now).WaitAsync(TestTimeout));
        Assert.Null(await store.DecideAsync(Sample(0).Id, new HoldDecision(true, "alice", "too late", T0)).WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task TryRelease_SingleUseAndBoundToDigestAndPolicy()
    {
        var db = await server.CreateDatabaseAsync();
        await using var one = await OpenAsync(db);
        await using var two = await OpenAsync(db);
        var hold = Sample(1);
        var denied = Sample(2);
        await one.CreateAsync(hold).WaitAsync(TestTimeout);
        await one.CreateAsync(denied).WaitAsync(TestTimeout);
        var at = T0.AddMinutes(3);

        Assert.False(await one.TryReleaseAsync(hold.Id, hold.AnswerDigest, hold.PolicySha256, at).WaitAsync(TestTimeout)); // still pending
        await Decide(one, hold.Id, approve: true, T0.AddMinutes(1));
        await Decide(one, denied.Id, approve: false, T0.AddMinutes(1));
        Assert.False(await one.TryReleaseAsync(hold.Id, new string('0', 64), hold.PolicySha256, at).WaitAsync(TestTimeout));
        Assert.False(await one.TryReleaseAsync(hold.Id, hold.AnswerDigest, new string('b', 64), at).WaitAsync(TestTimeout));
        Assert.False(await one.TryReleaseAsync(denied.Id, denied.AnswerDigest, denied.PolicySha256, at).WaitAsync(TestTimeout));
        Assert.False(await one.TryReleaseAsync("hold_missing", hold.AnswerDigest, hold.PolicySha256, at).WaitAsync(TestTimeout));

        // Two replicas race to deliver the same approved answer: exactly one may.
        var results = await Task.WhenAll(
            Task.Run(() => one.TryReleaseAsync(hold.Id, hold.AnswerDigest, hold.PolicySha256, at)),
            Task.Run(() => two.TryReleaseAsync(hold.Id, hold.AnswerDigest, hold.PolicySha256, at))).WaitAsync(TestTimeout);
        Assert.Single(results, r => r);
        Assert.False(await one.TryReleaseAsync(hold.Id, hold.AnswerDigest, hold.PolicySha256, at.AddMinutes(1)).WaitAsync(TestTimeout));
        Assert.Equal(at, (await two.GetAsync(hold.Id).WaitAsync(TestTimeout))!.ReleasedAt);
    }

    [Fact]
    public async Task Open_CustomSchema_HoldsLiveThere()
    {
        var db = await server.CreateDatabaseAsync();
        await using var store = await OpenAsync(db, schema: "approvals");
        await store.CreateAsync(Sample(1)).WaitAsync(TestTimeout);
        Assert.Equal(1L, await PostgresSql.ScalarAsync(db, "SELECT count(*) FROM approvals.holds"));
        Assert.Equal("approvals", await PostgresSql.ScalarAsync(db,
            "SELECT table_schema FROM information_schema.tables WHERE table_name = 'holds'"));
    }

    private static async Task Decide(IHoldStore store, string id, bool approve, DateTimeOffset at) =>
        Assert.NotNull(await store.DecideAsync(id, new HoldDecision(approve, "alice", "checked", at)).WaitAsync(TestTimeout));
}
