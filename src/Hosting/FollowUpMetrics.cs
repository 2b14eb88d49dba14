using System.Diagnostics.Metrics;

namespace FollowUp;

/// <summary>
/// FollowUp's own metrics (meter "FollowUp"), exported with Orleans' and Npgsql's at /metrics. Tags are call types,
/// outcomes and statuses only: never a person, phone, name or token.
/// </summary>
public static class FollowUpMetrics
{
    public const string MeterName = "FollowUp";
    /// <summary>Every meter the platform exports: ours, Orleans', Npgsql's (connection pool usage and waits).</summary>
    public static readonly string[] Meters = [MeterName, "Microsoft.Orleans", "Npgsql"];

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> SmsToSend = Meter.CreateCounter<long>("followup.sms.to_send", "{sms}",
        "SMS recorded to send (before the gateway is called)");
    public static readonly Counter<long> SmsSent = Meter.CreateCounter<long>("followup.sms.sent", "{sms}", "SMS accepted by the gateway");
    public static readonly Counter<long> SmsDelivered = Meter.CreateCounter<long>("followup.sms.delivered", "{sms}",
        "Delivery reports saying delivered");
    public static readonly Histogram<double> OvhDuration = Meter.CreateHistogram<double>("followup.ovh.request.duration", "s",
        "OVH API request latency, per attempt");
    public static readonly Counter<long> OvhThrottled = Meter.CreateCounter<long>("followup.ovh.throttled", "{response}",
        "OVH answers 429 Too Many Requests");
    public static readonly Counter<long> CallsMade = Meter.CreateCounter<long>("followup.calls.made", "{call}",
        "Call outcomes recorded, by call type and outcome");
    public static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>("followup.call.duration", "s",
        "From call start to outcome, by call type",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [30, 60, 120, 180, 300, 420, 600, 900, 1200, 1800] });
    public static readonly Counter<long> QuestionnaireAnswers = Meter.CreateCounter<long>("followup.questionnaire.answers", "{answer}",
        "Questionnaires submitted, by call type");
    public static readonly Counter<long> ImportLines = Meter.CreateCounter<long>("followup.import.lines", "{line}",
        "Import lines processed, by result (accepted, duplicate, rejected)");
    public static readonly Counter<long> ReminderTicks = Meter.CreateCounter<long>("followup.reminder.ticks", "{tick}",
        "Person wake reminders received (the safety net: the wake shards wake persons when due)");
    public static readonly Counter<long> ShardWakes = Meter.CreateCounter<long>("followup.shard.wakes", "{wake}",
        "Persons woken by the wake shards, read due from the due-time index");
    public static readonly Counter<long> GroupCommits = Meter.CreateCounter<long>("followup.group.commits", "{transaction}",
        "Transactions committed by the silo's group writers, by what they write (submissions, reminders)");
    public static readonly Counter<long> GroupItems = Meter.CreateCounter<long>("followup.group.items", "{item}",
        "Items committed by the silo's group writers (items / commits = the mean group size), by what they write");

    private static volatile IReadOnlyDictionary<string, long> _dueCalls = new Dictionary<string, long>();

    /// <summary>Calls due now and in no operator's hands, by call type (refreshed by each silo from due_calls).</summary>
    public static readonly ObservableGauge<long> CallsDue = Meter.CreateObservableGauge("followup.calls.due",
        () => _dueCalls.Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("type", d.Key))), "{call}",
            "Calls due now, waiting for an operator, by call type");

    public static void SetDueCalls(IReadOnlyDictionary<string, long> byType) => _dueCalls = byType;

    public static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);
}
