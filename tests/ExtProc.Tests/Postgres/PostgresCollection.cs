namespace Hush.ExtProc.Tests.Postgres;

/// <summary>Every PostgreSQL test class joins this collection: one server (<see cref="PostgresServerFixture"/>) serves them all.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    /// <summary>The collection name for <c>[Collection(PostgresCollection.Name)]</c>.</summary>
    public const string Name = "PostgreSQL server";
}
