using FollowUp.Silo.Protocol;

namespace FollowUp.Silo.Infrastructure;

/// <summary>A person's state as read by <see cref="PersonStateStore"/>: its version in person_states (null when never written
/// there), whether it was read from Orleans' storage (written before person_states existed) and how many of its timeline
/// entries person_events holds already (0 when unknown: republished once, idempotently).</summary>
public sealed record StoredPerson(PersonState State, long? Version, bool FromLegacy, int PublishedEvents);
