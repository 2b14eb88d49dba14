using FollowUp.Silo.Protocol;

namespace FollowUp.Silo.Infrastructure;

/// <summary>A person's state as read by <see cref="PersonStateStore"/>: its version in person_states (null when never written
/// there) and whether it was read from Orleans' storage (written before person_states existed).</summary>
public sealed record StoredPerson(PersonState State, long? Version, bool FromLegacy);
