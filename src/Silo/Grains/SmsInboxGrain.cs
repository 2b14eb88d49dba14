using FollowUp.Silo.Infrastructure;
using FollowUp.Silo.Sms;
using FollowUp.Silo.Sms.Ovh;
using Microsoft.Extensions.Logging;

namespace FollowUp.Silo.Grains;

/// <summary>
/// Polls the SMS replies waiting at the operator (one per cluster, key 0) and hands each to the person whose phone sent
/// it (STOP opts out). A reminder keeps it alive across silo restarts; a timer polls in between.
/// </summary>
public sealed class SmsInboxGrain(ISmsGateway gateway, PersonIndex db, ILogger<SmsInboxGrain> logger, OvhOptions? ovh = null)
    : Grain, ISmsInboxGrain, IRemindable
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var every = ovh?.InboxPollInterval ?? TimeSpan.FromSeconds(30);
        this.RegisterGrainTimer(PollAsync, new GrainTimerCreationOptions(every, every) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public async Task Start() => await this.RegisterOrUpdateReminder("keep-alive", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    private async Task<int> PollAsync(CancellationToken ct)
    {
        try
        {
            return await gateway.ProcessRepliesAsync(async reply =>
            {
                var phone = reply.Sender.StartsWith("00", StringComparison.Ordinal) ? "+" + reply.Sender[2..] : reply.Sender;
                foreach (var id in await db.ActivePersonsByPhoneAsync(phone))
                    await GrainFactory.GetGrain<IPersonGrain>(id).SmsReplyReceived(reply.Text);
            }, ct);
        }
        catch (Exception ex)
        {
            logger.LogWarning("SMS replies not read ({Error}); next poll will retry", ex.GetType().Name + ": " + ex.Message);
            return 0;
        }
    }
}
