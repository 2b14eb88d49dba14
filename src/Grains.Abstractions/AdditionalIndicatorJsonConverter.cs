using System.Text.Json;
using System.Text.Json.Serialization;

namespace FollowUp;

/// <summary>{"id", "label", "value", "unit"} for an <see cref="AdditionalIndicator"/>, "value" being a number, an array
/// of 24 hourly counts or an object keyed by call type; read back the same way (kept reports).</summary>
public sealed class AdditionalIndicatorJsonConverter : JsonConverter<AdditionalIndicator>
{
    public override AdditionalIndicator Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        var o = doc.RootElement;
        string? Text(string name) => o.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var result = new AdditionalIndicator { Id = Text("id") ?? "", Unit = Text("unit") ?? "", Label = Text("label") };
        if (!o.TryGetProperty("value", out var v)) return result;
        return v.ValueKind switch
        {
            JsonValueKind.Number => result with { Number = v.GetDouble() },
            JsonValueKind.Array => result with { ByHour = v.EnumerateArray().Select(x => x.GetInt32()).ToArray() },
            JsonValueKind.Object => result with
            {
                ByType = v.EnumerateObject().ToDictionary(p => p.Name, p =>
                    p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : (double?)null),
            },
            _ => result,
        };
    }

    public override void Write(Utf8JsonWriter writer, AdditionalIndicator value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("id", value.Id);
        if (value.Label is null) writer.WriteNull("label");
        else writer.WriteString("label", value.Label);
        writer.WritePropertyName("value");
        if (value.ByHour is { } hours)
        {
            writer.WriteStartArray();
            foreach (var h in hours) writer.WriteNumberValue(h);
            writer.WriteEndArray();
        }
        else if (value.ByType is { } byType)
        {
            writer.WriteStartObject();
            foreach (var (type, n) in byType)
                if (n is { } x) writer.WriteNumber(type, x);
                else writer.WriteNull(type);
            writer.WriteEndObject();
        }
        else if (value.Number is { } number) writer.WriteNumberValue(number);
        else writer.WriteNullValue();
        writer.WriteString("unit", value.Unit);
        writer.WriteEndObject();
    }
}
