using FollowUp.Web.Application;
using FollowUp.Web.Application.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Admin;

/// <summary>
/// Admin › Éléments de langage (tender art. 3.5): the SMS templates per language and the call scripts' texts, edited
/// by the ARS, every change versioned (who, when, the text before) and restorable; refused server-side when an SMS would
/// exceed its segment, leave GSM-7, lose a placeholder or hold a health word.
/// </summary>
public sealed class TextsModel(MessageTexts texts, CallScripts scripts, AccessJournal journal) : PageModel
{
    public const string SampleName = "Camille";

    public sealed record SmsRow(string Language, string Default, string Current, bool Edited, bool Ucs2Allowed);
    public sealed record ScriptRow(string Id, CallScript Shipped, CallScriptTexts Current, bool Edited);

    public IReadOnlyList<SmsRow> Sms { get; private set; } = [];
    public IReadOnlyList<ScriptRow> Scripts { get; private set; } = [];
    public IReadOnlyList<MessageTextVersion> History { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];
    /// <summary>What the user typed, shown again when it is refused (key: "sms-{language}" or "script-{id}").</summary>
    public Dictionary<string, object> Typed { get; } = [];
    [TempData] public string? Saved { get; set; }

    public string SampleLink => SmsTemplateRules.SampleLink(texts.PublicBaseUrl);

    public static string Preview(string template, string link) => SmsTemplateRules.Fill(template, SampleName, link);

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostSmsAsync(string language, string? text)
    {
        if (!texts.SmsDefaults.ContainsKey(language ?? "")) return NotFound();
        var value = Normalize(text);
        if (CheckSms(language!, value) is { } error)
        {
            Errors["sms-" + language] = error;
            Typed["sms-" + language] = value;
            return await RefusedAsync();
        }
        // The shipped text typed again is the default: recorded as a reset, so later releases' changes apply.
        var isDefault = value == texts.SmsDefaults[language!];
        return await SavedAsync(MessageTexts.Sms, language!, isDefault ? null : value, isDefault ? "reset" : "edit", null);
    }

    public async Task<IActionResult> OnPostSmsResetAsync(string language)
    {
        if (!texts.SmsDefaults.ContainsKey(language ?? "")) return NotFound();
        return await SavedAsync(MessageTexts.Sms, language!, null, "reset", null);
    }

    public async Task<IActionResult> OnPostScriptAsync(string scriptId, string? title, string[]? stepTitle, string[]? stepText)
    {
        if (scripts.Find(scriptId ?? "") is not { } shipped) return NotFound();
        var titles = stepTitle ?? [];
        var bodies = stepText ?? [];
        var edit = new CallScriptTexts(Normalize(title),
            Enumerable.Range(0, Math.Max(titles.Length, bodies.Length))
                .Select(i => new CallScriptStepText(Normalize(i < titles.Length ? titles[i] : ""), Normalize(i < bodies.Length ? bodies[i] : "")))
                    .ToList());
        var errors = MessageTexts.CheckScript(shipped, edit);
        if (errors.Count > 0)
        {
            var name = Texts.Get("ScriptTemplateName", shipped.Title);
            foreach (var (field, message) in errors) Errors[$"script-{scriptId}.{field}"] = $"{name} — {FieldName(field)} : {message}";
            Typed["script-" + scriptId] = edit;
            return await RefusedAsync();
        }
        var isDefault = MessageTexts.ToJson(edit) == MessageTexts.ToJson(MessageTexts.TextsOf(shipped));
        return await SavedAsync(MessageTexts.CallScript, scriptId!, isDefault ? null : MessageTexts.ToJson(edit), isDefault ? "reset" : "edit", null);
    }

    public async Task<IActionResult> OnPostScriptResetAsync(string scriptId)
    {
        if (scripts.Find(scriptId ?? "") is null) return NotFound();
        return await SavedAsync(MessageTexts.CallScript, scriptId!, null, "reset", null);
    }

    /// <summary>Puts back the text a version set (checked again against today's rules).</summary>
    public async Task<IActionResult> OnPostRestoreAsync(long id)
    {
        if (await texts.VersionAsync(id) is not { } version) return NotFound();
        if (version.Kind == MessageTexts.Sms && version.Text is { } sms && CheckSms(version.Key, sms) is { } error)
        {
            Errors["restore"] = error;
            return await RefusedAsync();
        }
        if (version.Kind == MessageTexts.CallScript && version.Text is { } json && scripts.Find(version.Key) is { } shipped
            && MessageTexts.CheckScript(shipped, MessageTexts.FromJson(json)!) is { Count: > 0 } errors)
        {
            Errors["restore"] = $"{Texts.Get("ScriptTemplateName", shipped.Title)} : {string.Join(" ; ", errors.Values)}";
            return await RefusedAsync();
        }
        return await SavedAsync(version.Kind, version.Key, version.Text, "restore", version.Id);
    }

    /// <summary>The reason the template is refused, naming it (null: it can be sent).</summary>
    private string? CheckSms(string language, string text)
    {
        var problems = SmsTemplateRules.Check(text, texts.Ucs2Allowed(language), texts.PublicBaseUrl);
        if (problems.Count == 0) return null;
        var reasons = problems.Select(p => p.Code switch
        {
            "tooLong" => Texts.Get(texts.Ucs2Allowed(language) ? "Err_SmsTooLongUcs2" : "Err_SmsTooLong", p.Detail),
            _ => Texts.Get("Err_Sms_" + p.Code, p.Detail),
        });
        return Texts.Get("Err_SmsTemplate", SmsName(language), string.Join(" ; ", reasons));
    }

    public static string SmsName(string language) => Texts.Get("SmsTemplateName", language, Texts.Get("Lang_" + language));

    private static string FieldName(string field)
    {
        var parts = field.Split('.');
        return parts.Length == 2 ? Texts.Get("ScriptStepField_" + parts[1], parts[0][4..]) : Texts.Get("ScriptField_" + field);
    }

    private async Task<IActionResult> SavedAsync(string kind, string key, string? text, string action, long? restoredFrom)
    {
        var user = User.Identity!.Name!;
        if (await texts.SaveAsync(kind, key, text, action, restoredFrom, user))
        {
            await journal.Record(HttpContext, AccessActions.TextsChanged, kind, key, restoredFrom is { } from ? $"{action} {from}" : action);
            Saved = kind == MessageTexts.Sms ? SmsName(key) : Texts.Get("ScriptTemplateName", scripts.Find(key)?.Title ?? key);
        }
        return RedirectToPage();
    }

    private async Task<IActionResult> RefusedAsync()
    {
        Response.StatusCode = 400;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var sms = await texts.CurrentAsync(MessageTexts.Sms);
        Sms = texts.SmsDefaults.Keys.OrderBy(l => l == "fr" ? "" : l, StringComparer.Ordinal)
            .Select(l => new SmsRow(l, texts.SmsDefaults[l], sms.GetValueOrDefault(l) ?? texts.SmsDefaults[l], sms.ContainsKey(l),
                texts.Ucs2Allowed(l)))
            .ToList();
        var edited = await texts.CurrentAsync(MessageTexts.CallScript);
        Scripts = scripts.Ids().Select(id => scripts.Find(id) is { } s
                ? new ScriptRow(id, s, MessageTexts.FromJson(edited.GetValueOrDefault(id)) ?? MessageTexts.TextsOf(s), edited.ContainsKey(id))
                : null)
            .OfType<ScriptRow>().ToList();
        History = await texts.HistoryAsync();
    }

    private static string Normalize(string? text) => (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Trim();
}
