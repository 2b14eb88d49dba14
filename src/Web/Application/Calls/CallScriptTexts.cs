namespace FollowUp.Web.Application.Calls;

/// <summary>The editable texts of a call script: its title and each step's title and text (fields and hints stay as shipped).</summary>
public sealed record CallScriptTexts(string Title, IReadOnlyList<CallScriptStepText> Steps);
