namespace FollowUp.Silo.Grains;

/// <summary>The platform's opening hours, changed by the ARS at runtime; persisted.</summary>
public sealed class CalendarGrain(
    [PersistentState("calendar", SiloHosting.StorageName)] IPersistentState<OpeningHours> state) : Grain, ICalendarGrain
{
    public Task<OpeningHours> GetOpeningHours() => Task.FromResult(state.RecordExists ? state.State : OpeningHours.Default);

    public async Task<SettingsChange> SetOpeningHours(OpeningHours hours)
    {
        var change = Check(hours);
        if (!change.Saved) return change;
        state.State = hours;
        await state.WriteStateAsync();
        return change;
    }

    /// <summary>The rules of opening hours: one entry per day, Sunday first; on an open day, opening before closing.</summary>
    public static SettingsChange Check(OpeningHours hours) =>
        hours.Days.Count != 7 ? new([new SettingProblem("days", "7 entries, Sunday first")])
        : new(hours.Days.Select((d, i) => (d, i)).Where(x => x.d is { } h && h.Open >= h.Close)
            .Select(x => new SettingProblem("days", $"day {x.i}: open must be before close", x.i)).ToList());
}
