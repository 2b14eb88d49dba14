namespace FollowUp.Silo.Protocol;

/// <summary>French public holidays (jours fériés, metropolitan list), Easter-based ones included.</summary>
public static class FrenchHolidays
{
    public static bool IsHoliday(DateOnly date) => For(date.Year).Contains(date);

    public static IReadOnlySet<DateOnly> For(int year)
    {
        var easter = EasterSunday(year);
        return new HashSet<DateOnly>
        {
            new(year, 1, 1),      // Jour de l'an
            easter.AddDays(1),    // Lundi de Pâques
            new(year, 5, 1),      // Fête du travail
            new(year, 5, 8),      // Victoire 1945
            easter.AddDays(39),   // Ascension
            easter.AddDays(50),   // Lundi de Pentecôte
            new(year, 7, 14),     // Fête nationale
            new(year, 8, 15),     // Assomption
            new(year, 11, 1),     // Toussaint
            new(year, 11, 11),    // Armistice
            new(year, 12, 25),    // Noël
        };
    }

    /// <summary>Gregorian Easter (anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }
}
