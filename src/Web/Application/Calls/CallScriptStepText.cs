namespace FollowUp.Web.Application.Calls;

/// <summary>The editable texts of one step of a call script.</summary>
public sealed record CallScriptStepText(string Title, string Text);
