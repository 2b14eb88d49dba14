using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FollowUp.Silo.Sms;

/// <summary>
/// The SMS text in force: the ARS's latest edit of the language (table message_text_versions, written by the web's
/// Admin › Éléments de langage) or else the template file. Each silo reads the edits again when its copy is older than
/// <c>FollowUp:Sms:TemplateRefreshSeconds</c> (default 5; 0 = at every SMS), so an edit applies to every silo within
/// that delay. If the database cannot be read, the last copy read is used (an SMS is never held back by this).
/// </summary>
public sealed class SmsTexts(SmsComposer composer, NpgsqlDataSource db, TimeSpan refresh, ILogger<SmsTexts> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<string, string> _edits = new Dictionary<string, string>();
    private long _readAt = long.MinValue;

    public async Task<string> ComposeAsync(string firstName, string language, string token)
    {
        var edits = await EditsAsync();
        var key = composer.Templates.ContainsKey(language) ? language : "fr";
        return composer.Compose(firstName, language, token, edits.GetValueOrDefault(key));
    }

    private async Task<IReadOnlyDictionary<string, string>> EditsAsync()
    {
        if (Fresh()) return _edits;
        await _gate.WaitAsync();
        try
        {
            if (Fresh()) return _edits;
            try
            {
                await using var conn = await db.OpenConnectionAsync();
                var rows = await conn.QueryAsync<(string Key, string? Text)>("""
                    SELECT DISTINCT ON (key) key, text FROM message_text_versions WHERE kind = 'sms' ORDER BY key, id DESC
                    """);
                _edits = rows.Where(r => r.Text is not null).ToDictionary(r => r.Key, r => r.Text!);
                _readAt = Stopwatch.GetTimestamp();
            }
            catch (NpgsqlException e) when (_readAt != long.MinValue)
            {
                logger.LogWarning(e, "SMS texts not read again; the last copy is used");
            }
            return _edits;
        }
        finally { _gate.Release(); }
    }

    private bool Fresh() => _readAt != long.MinValue && refresh > TimeSpan.Zero && Stopwatch.GetElapsedTime(_readAt) < refresh;

    public void Dispose() => _gate.Dispose();
}
