using System.Globalization;

namespace FollowUp.Tests.Application;

/// <summary>Runs a block in a UI culture (as a request with Accept-Language would): using (UiCulture.Use("en")) { … }.</summary>
public sealed class UiCulture : IDisposable
{
    private readonly CultureInfo _before = CultureInfo.CurrentUICulture;
    private UiCulture(string name) => CultureInfo.CurrentUICulture = new CultureInfo(name);
    public static UiCulture Use(string name) => new(name);
    public void Dispose() => CultureInfo.CurrentUICulture = _before;
}
