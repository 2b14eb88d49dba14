namespace FollowUp.Tests.Sms;

/// <summary>The rules an ARS edit of an SMS template must follow (Admin › Éléments de langage), the same the silo checks its files with.</summary>
public class SmsTemplateRulesTests
{
    private const string Base = "https://suivi.ars-paca.example.fr"; // link: 33 + 3 + 22 = 58 characters

    private static string[] Codes(string template, bool ucs2 = false) => SmsTemplateRules.Check(template, ucs2, Base).Select(p => p.Code).ToArray();

    [Fact]
    public void A_template_with_both_placeholders_that_fits_one_segment_is_accepted() =>
        Assert.Empty(Codes("Bonjour {firstName}, merci de répondre à ce court questionnaire de suivi : {link}"));

    [Fact]
    public void One_GSM7_segment_with_room_for_a_first_name_is_the_limit()
    {
        // Filled with the link (58) and no name, 150 septets is the most: 10 are kept for the first name.
        var fits = "{firstName}" + new string('a', 150 - 58 - 1) + " {link}"; // 91 + 1 + 58 = 150
        Assert.Empty(Codes(fits));
        var over = "{firstName}" + new string('a', 150 - 58) + " {link}";  // 151
        var problem = Assert.Single(SmsTemplateRules.Check(over, false, Base));
        Assert.Equal(("tooLong", "2"), (problem.Code, problem.Detail));
        Assert.Equal(["tooLong"], Codes("{firstName}" + new string('€', 46) + " {link}")); // € takes two septets: 92 + 1 + 58 = 151
    }

    [Fact]
    public void Outside_GSM7_only_where_UCS2_is_the_rule_and_then_two_segments_at_most()
    {
        Assert.Equal(["notGsm7"], Codes("Olá {firstName}, responda: {link}"));
        Assert.Equal("á", SmsTemplateRules.Check("Olá {firstName}, responda: {link}", false, Base)[0].Detail);
        var arabic = "مرحبًا {firstName}، يرجى الإجابة: {link}";
        Assert.Empty(Codes(arabic, ucs2: true));
        Assert.Equal(["tooLong"], Codes("مرحبًا {firstName}" + new string('ب', 124 - 58 - 6) + "{link}", ucs2: true)); // 7 + 60 + 58 = 125 > 134 − 10
    }

    [Fact]
    public void Placeholders_stay_and_no_other_is_invented()
    {
        Assert.Equal(["placeholderMissing"], Codes("Bonjour, merci de répondre : {link}"));
        Assert.Equal(["placeholderMissing"], Codes("Bonjour {firstName}, merci de répondre."));
        Assert.Equal(["unknownPlaceholder"], Codes("Bonjour {firstName} {lastName} : {link}"));
        Assert.Equal(["empty"], Codes("  "));
    }

    [Theory]
    [InlineData("Bonjour {firstName}, votre suivi COVID : {link}", "covid")]
    [InlineData("Bonjour {firstName}, suivi de votre isolement : {link}", "isolement")]
    [InlineData("Bonjour {firstName}, votre santé : {link}", "sante")]
    [InlineData("Hello {firstName}, your test: {link}", "test")]
    public void Health_words_are_refused_whatever_their_case_or_accents(string template, string word)
    {
        var p = Assert.Single(SmsTemplateRules.Check(template, false, Base));
        Assert.Equal(("healthWord", word), (p.Code, p.Detail));
    }
}
