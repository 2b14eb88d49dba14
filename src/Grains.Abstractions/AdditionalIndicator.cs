using System.Text.Json.Serialization;

namespace FollowUp;

/// <summary>
/// One indicator of the "Informations complémentaires" catalogue (<see cref="AdditionalIndicatorCatalogue"/>) with its
/// value for the day. Exactly one of <see cref="Number"/>, <see cref="ByHour"/>, <see cref="ByType"/> carries the value,
/// depending on the indicator; in JSON it is one "value" field: a number (null when there is nothing to divide by), an
/// array of 24 counts (hours 0–23, local time) or an object keyed by call type.
/// </summary>
[GenerateSerializer, Immutable, Alias("FollowUp.AdditionalIndicator")]
[JsonConverter(typeof(AdditionalIndicatorJsonConverter))]
public sealed record AdditionalIndicator
{
    [Id(0)] public string Id { get; init; } = "";
    /// <summary>percent, count, mean or seconds (see the catalogue).</summary>
    [Id(1)] public string Unit { get; init; } = "";
    [Id(2)] public double? Number { get; init; }
    [Id(3)] public int[]? ByHour { get; init; }
    [Id(4)] public Dictionary<string, double?>? ByType { get; init; }
    /// <summary>The label in the reader's language, set by the web when it presents the report (null as computed).</summary>
    [Id(5)] public string? Label { get; init; }
}
