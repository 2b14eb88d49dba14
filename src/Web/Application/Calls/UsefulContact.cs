namespace FollowUp.Web.Application.Calls;

/// <summary>A useful contact of a department (category: samu, mobileTeam, laboratory, doctor, other).</summary>
public sealed record UsefulContact(long Id, string Department, string Category, string Name, string Phone, string Email, string Notes);
