using FollowUp.Silo.Protocol;

namespace FollowUp.Silo.Reporting;

/// <summary>
/// Pure computation of <see cref="StaffingActual"/> from the operators' status changes: each status lasts until the
/// operator's next change (the last one until <c>now</c>), and at most until the end of its day (an operator who closed
/// the console without signing out is not counted overnight); each interval is cut at the hours (Paris time) it spans.
/// A call is a change to "on a call".
/// </summary>
public static class StaffingActuals
{
    /// <param name="changes">every change in [from, to) and, per operator, the last one before (its status at the start).</param>
    public static StaffingActual Compute(IReadOnlyList<OperatorStatusChange> changes, DateOnly from, DateOnly to, DateTimeOffset now,
        TimeZoneInfo zone)
    {
        var start = Zones.ToInstant(from, TimeOnly.MinValue, zone);
        var end = Zones.ToInstant(to, TimeOnly.MinValue, zone);
        if (now < end) end = now;
        var hours = new SortedDictionary<(DateOnly Date, int Hour), Acc>();
        Acc At(DateTimeOffset instant)
        {
            var local = TimeZoneInfo.ConvertTime(instant, zone);
            var key = (DateOnly.FromDateTime(local.DateTime), local.Hour);
            if (!hours.TryGetValue(key, out var acc)) hours[key] = acc = new Acc();
            return acc;
        }
        foreach (var op in changes.GroupBy(c => c.OperatorId))
        {
            var list = op.OrderBy(c => c.At).ToList();
            for (var i = 0; i < list.Count; i++)
            {
                var c = list[i];
                if (c.Status == OperatorStatus.OnCall && c.At >= start && c.At < end
                    && (i == 0 || list[i - 1].Status != OperatorStatus.OnCall)) At(c.At).Calls++;
                if (c.Status == OperatorStatus.Offline) continue;
                var from_ = c.At < start ? start : c.At;
                var until = i + 1 < list.Count ? list[i + 1].At : end;
                var nextDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(c.At, zone).DateTime).AddDays(1);
                var dayEnd = Zones.ToInstant(nextDay, TimeOnly.MinValue, zone);
                if (until > dayEnd) until = dayEnd;
                if (until > end) until = end;
                while (from_ < until)
                {
                    var local = TimeZoneInfo.ConvertTime(from_, zone);
                    var nextHour = from_ + TimeSpan.FromHours(1) - TimeSpan.FromTicks(local.TimeOfDay.Ticks % TimeSpan.TicksPerHour);
                    var slice = (nextHour < until ? nextHour : until) - from_;
                    var acc = At(from_);
                    acc.Operators.Add(c.OperatorId);
                    acc.SignedIn += slice.TotalSeconds;
                    if (c.Status == OperatorStatus.OnCall) acc.Talk += slice.TotalSeconds;
                    else if (c.Status == OperatorStatus.WrapUp) acc.WrapUp += slice.TotalSeconds;
                    else if (c.Status == OperatorStatus.Pause) acc.Pause += slice.TotalSeconds;
                    from_ += slice;
                }
            }
        }
        var rows = hours.Where(h => h.Value.Operators.Count > 0 || h.Value.Calls > 0).Select(h => h.Value.Row(h.Key.Date, h.Key.Hour)).ToList();
        var days = hours.GroupBy(h => h.Key.Date).Select(g =>
        {
            var day = new Acc();
            foreach (var (_, a) in g) day.Add(a);
            return day.Row(g.Key, null);
        }).Where(d => d.OperatorsSignedIn > 0 || d.Calls > 0).ToList();
        return new StaffingActual(rows, days);
    }

    private sealed class Acc
    {
        public readonly HashSet<string> Operators = [];
        public double SignedIn, Talk, WrapUp, Pause;
        public int Calls;

        public void Add(Acc o)
        {
            Operators.UnionWith(o.Operators);
            SignedIn += o.SignedIn; Talk += o.Talk; WrapUp += o.WrapUp; Pause += o.Pause; Calls += o.Calls;
        }

        public StaffingHour Row(DateOnly date, int? hour)
        {
            var working = SignedIn - Pause;
            return new StaffingHour(date, hour, Operators.Count, (int)Math.Round(SignedIn), (int)Math.Round(Talk), (int)Math.Round(WrapUp),
                (int)Math.Round(Pause), Calls,
                working > 0 ? Math.Round((Talk + WrapUp) / working * 100, 1) : null,
                SignedIn > 0 ? Math.Round(Calls / (SignedIn / 3600), 2) : null);
        }
    }
}
