namespace FollowUp.Silo.Grains;

/// <summary>The platform's opening hours, changed by the ARS at runtime; persisted.</summary>
public sealed class CalendarGrain(
    [PersistentState("calendar", SiloHosting.StorageName)] IPersistentState<OpeningHours> state) : Grain, ICalendarGrain
{
    public Task<OpeningHours> GetOpeningHours() => Task.FromResult(state.RecordExists ? state.State : OpeningHours.Default);

    public async Task SetOpeningHours(OpeningHours hours)
    {
        state.State = hours;
        await state.WriteStateAsync();
    }
}
