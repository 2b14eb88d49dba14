namespace FollowUp.Web.Application.Reports;

/// <summary>
/// A chart on a page (partial _Chart): its canvas id, title (also the canvas' accessible name), what it says when it
/// has nothing to show, and the heading of its data table's first column.
/// </summary>
public sealed record ChartBlock(string Id, string Title, string Empty, string Axis, string ValueLabel = "");
