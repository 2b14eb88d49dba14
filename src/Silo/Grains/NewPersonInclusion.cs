using FollowUp.Silo.Infrastructure;
using FollowUp.Silo.Protocol;
using Npgsql;

namespace FollowUp.Silo.Grains;

/// <summary>
/// A new person of an import batch included without activating its <see cref="PersonGrain"/>: the batch runs the pure
/// protocol on a fresh state (<see cref="FollowUpProtocol.Include"/>, then the wake the grain's first processing would
/// run) and writes what the grain would write at its first publication, through the silo's <see cref="GroupCommit"/>:
/// the state (an insert that fails when the person is stored already, so that nothing of the submission commits), the
/// index row, due calls, timeline events and the first reminder row (<see cref="ReminderRows"/>). The person's grain
/// activates at its first wake (its wake shard reads it due from the index row) or call, by reading that state, as after
/// any collection. Only for a person with nothing to send now (its reminder, the safety net an hour after its first wake,
/// is always beyond the reminders' loading window); <see cref="Prepare"/> answers null otherwise: the grain includes it.
/// A batch's new persons go together (<see cref="Together"/>: one statement per table), or one by one
/// (<see cref="Commands"/>) when one of them was stored in between.
/// </summary>
public sealed class NewPersonInclusion
{
    private NewPersonInclusion(PersonState state, PersonRow row, IReadOnlyList<DueCall> dueCalls, ReminderEntry? reminder) =>
        (State, Row, DueCalls, Reminder) = (state, row, dueCalls, reminder);

    public Guid Id => State.Id;

    /// <summary>The state as written (its timeline is told to the live dashboard once committed).</summary>
    public PersonState State { get; }

    private PersonRow Row { get; }
    private IReadOnlyList<DueCall> DueCalls { get; }
    private ReminderEntry? Reminder { get; }

    /// <summary>The inclusion of <paramref name="request"/> as new person <paramref name="id"/> at <paramref name="now"/>, or
    /// null when its grain must include it (an SMS due now, or a first wake too near for a reminder row).</summary>
    public static NewPersonInclusion? Prepare(Guid id, GrainId grain, InclusionRequest request, DateTimeOffset now, ProtocolSettings settings,
        ReminderRows reminderRows)
    {
        var s = new PersonState();
        FollowUpProtocol.Include(s, request, id, now, settings);
        if (FollowUpProtocol.Wake(s, now, settings).Count > 0 || s.Milestones.Any(m => m.Sms.Status == SmsStatus.ToSend))
            return null; // an SMS to send or to record "to send" (its token): the grain does it
        var next = FollowUpProtocol.NextWake(s, now, settings); // null: nothing to wake for (e.g. on a landline, its calls are due)
        var reminder = next is { } at
            ? reminderRows.Entry(grain, PersonGrain.WakeReminder, at + PersonGrain.SafetyNet - now, PersonGrain.ReminderPeriod)
            : null;
        if (next is not null && reminder is null) return null; // too near for a row: registered through Orleans by the grain
        return new NewPersonInclusion(s, PersonViews.Row(s, next), PersonViews.DueCalls(s), reminder);
    }

    /// <summary>This person's submission: state first, then the index row, due calls, events, reminder.</summary>
    public IReadOnlyList<NpgsqlBatchCommand> Commands(ReminderRows reminderRows)
    {
        var commands = new List<NpgsqlBatchCommand> { PersonStateStore.InsertNewCommand(Id, State) };
        commands.AddRange(PersonIndex.PublishCommands(Row, DueCalls, State.Timeline, 0, newPerson: true));
        if (Reminder is not null) commands.Add(reminderRows.UpsertCommand([Reminder]));
        return commands;
    }

    /// <summary>The submission of many new persons: one statement per table (states first: it fails whole when one of them
    /// is stored already).</summary>
    public static IReadOnlyList<NpgsqlBatchCommand> Together(IReadOnlyList<NewPersonInclusion> persons, ReminderRows reminderRows)
    {
        var commands = new List<NpgsqlBatchCommand> { PersonStateStore.InsertNewCommand([.. persons.Select(p => (p.Id, p.State))]) };
        commands.AddRange(PersonIndex.PublishNewCommands(
            [.. persons.Select(p => (p.Row, p.DueCalls, (IReadOnlyList<TimelineEntry>)p.State.Timeline))]));
        var reminders = persons.Where(p => p.Reminder is not null).Select(p => p.Reminder!).ToList();
        if (reminders.Count > 0) commands.Add(reminderRows.UpsertCommand(reminders));
        return commands;
    }
}
