using FollowUp.Silo.Infrastructure;
using FollowUp.Silo.Protocol;
using Npgsql;

namespace FollowUp.Silo.Grains;

/// <summary>
/// A new person of an import batch included without activating its <see cref="PersonGrain"/>: the batch runs the pure
/// protocol on a fresh state (<see cref="FollowUpProtocol.Include"/>, then the wake the grain's first processing would
/// run) and writes what the grain would write at its first publication, in one submission of the silo's
/// <see cref="GroupCommit"/>: the state (an insert that fails when the person is stored already, so that nothing of the
/// submission commits), the index row, due calls, timeline events and the first reminder row (<see cref="ReminderRows"/>). The person's grain
/// activates at its first wake (or call) by reading that state, as after any collection. Only for a person with
/// nothing to send now and whose first wake is beyond the reminders' loading window, or who has none (on a landline: its
/// calls are due in the index); <see cref="Prepare"/> answers null otherwise: the grain includes it, registering its
/// reminder through Orleans' service.
/// </summary>
public sealed class NewPersonInclusion
{
    private NewPersonInclusion(Guid id, PersonState state, List<NpgsqlBatchCommand> commands) =>
        (Id, State, Commands) = (id, state, commands);

    public Guid Id { get; }

    /// <summary>The state as written (its timeline is told to the live dashboard once committed).</summary>
    public PersonState State { get; }

    /// <summary>State first, then the index row, due calls, events, reminder.</summary>
    public IReadOnlyList<NpgsqlBatchCommand> Commands { get; }

    /// <summary>The inclusion of <paramref name="request"/> as new person <paramref name="id"/> at <paramref name="now"/>, or
    /// null when its grain must include it (an SMS due now, or a first wake too near for a reminder row).</summary>
    public static NewPersonInclusion? Prepare(Guid id, GrainId grain, InclusionRequest request, DateTimeOffset now, ProtocolSettings settings,
        ReminderRows reminderRows)
    {
        var s = new PersonState();
        FollowUpProtocol.Include(s, request, id, now, settings);
        if (FollowUpProtocol.Wake(s, now, settings).Count > 0) return null; // an SMS to send: the grain sends it
        var next = FollowUpProtocol.NextWake(s, now, settings); // null: nothing to wake for (e.g. on a landline, its calls are due)
        var reminder = next is { } at ? reminderRows.UpsertCommand(grain, PersonGrain.WakeReminder, at - now, PersonGrain.ReminderPeriod) : null;
        if (next is not null && reminder is null) return null; // too near for a row: registered through Orleans by the grain
        var commands = new List<NpgsqlBatchCommand> { PersonStateStore.InsertNewCommand(id, s) };
        commands.AddRange(PersonIndex.PublishCommands(PersonViews.Row(s, next), PersonViews.DueCalls(s), s.Timeline, 0, newPerson: true));
        if (reminder is not null) commands.Add(reminder);
        return new NewPersonInclusion(id, s, commands);
    }
}
