namespace FollowUp.Web.Application.Security;

/// <summary>A staff account; <see cref="Departments"/> limits an operator's calls to those departments (empty: all).</summary>
public sealed record StaffUser(string UserName, string DisplayName, string Role, string PasswordHash, string[] Departments);
