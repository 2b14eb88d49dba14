namespace FollowUp;

/// <summary>
/// The database did not answer a grain's call (server restarting or unreachable, a pooled connection broken, pool
/// exhausted): nothing of the call was acknowledged, it may be tried again. Raised by the silos' storage fault filter
/// in place of Npgsql's exceptions, which Orleans cannot carry across a grain boundary; it carries the PostgreSQL
/// SQLSTATE when there is one and a message without personal data. The API answers it 503 with Retry-After.
/// </summary>
[GenerateSerializer]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException() : this(null, "The database is unavailable.") { }

    public StorageUnavailableException(string message) : base(message) { }

    public StorageUnavailableException(string message, Exception innerException) : base(message, innerException) { }

    public StorageUnavailableException(string? sqlState, string message) : base(message) => SqlState = sqlState;

    /// <summary>The PostgreSQL SQLSTATE of the failure (57P01 admin shutdown, 08006 connection failure…), null for a network error.</summary>
    [Id(0)]
    public string? SqlState { get; init; }
}
