using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FollowUp;

/// <summary>Binds, validates and registers the typed <see cref="ISectionOptions"/> of a host.</summary>
public static class SectionOptions
{
    /// <summary>
    /// The section bound to <typeparamref name="T"/> and checked now: a value that does not convert, or breaks a rule,
    /// throws (the hosts print "Configuration error:" with the key and stop).
    /// </summary>
    public static T Read<T>(IConfiguration config, Action<T>? complete = null) where T : class, ISectionOptions, new()
    {
        var options = new T();
        config.GetSection(T.Section).Bind(options);
        complete?.Invoke(options);
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? options : throw new ConfigurationException(string.Join(" ", problems));
    }

    /// <summary>
    /// Registers <typeparamref name="T"/> as <c>IOptions&lt;T&gt;</c> (bound to its section, validated at start with
    /// <c>ValidateOnStart</c>) and as itself for constructors that take it directly; returns the value, read and
    /// checked at once so a bad setting stops the start before anything else runs.
    /// </summary>
    /// <param name="complete">Sets what the section takes from elsewhere (e.g. a key of the parent section).</param>
    public static T AddSectionOptions<T>(this IServiceCollection services, IConfiguration config, Action<T>? complete = null)
        where T : class, ISectionOptions, new()
    {
        var value = Read(config, complete);
        var builder = services.AddOptions<T>().Bind(config.GetSection(T.Section));
        if (complete is not null) builder.PostConfigure(complete);
        builder.ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>, Validator<T>>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return value;
    }

    private sealed class Validator<T> : IValidateOptions<T> where T : class, ISectionOptions
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
