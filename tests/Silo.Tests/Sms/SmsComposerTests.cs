using FollowUp.Silo.Sms;

namespace FollowUp.Tests.Sms;

public class SmsComposerTests
{
    private const string Token = "AAAAAAAAAAAAAAAAAAAAAA"; // 22 chars, like a 128-bit base64url token
    private static readonly SmsComposer Composer = new("https://suivi.ars-paca.example.fr", SmsComposer.DefaultTemplatesDirectory);

    [Fact]
    public void Every_template_fits_one_GSM7_segment_or_two_UCS2_segments_even_with_a_long_first_name()
    {
        foreach (var language in new[] { "fr", "en", "ar", "es", "pt", "tr" }) Assert.Contains(language, Composer.Templates.Keys);
        foreach (var language in Composer.Templates.Keys)
        {
            foreach (var name in new[] { "Léa", "Jean-François-Marie-Amélie-Christophe-Benoît-Hélène", "Zoë", "Ève", "محمد",
                "Şükrü Çağlayan-Öztürkoğlu-Yıldırımbeyazıt" })
            {
                var text = Composer.Compose(name, language, Token);
                if (Gsm7.IsGsm7(Composer.Templates[language]))
                {
                    Assert.True(Gsm7.IsGsm7(text), $"{language}: {text}"); Assert.Equal(1,
                    Gsm7.Segments(text));
                }
                else Assert.True(Gsm7.Segments(text) <= 2, $"{language}: {text} takes {Gsm7.Segments(text)} segments");
                Assert.EndsWith("/q/" + Token, text);
            }
        }
        // The cheap languages stay GSM-7; Arabic needs UCS-2.
        foreach (var language in new[] { "fr", "en", "es", "pt", "tr" }) Assert.True(Gsm7.IsGsm7(Composer.Templates[language]), language);
        Assert.False(Gsm7.IsGsm7(Composer.Templates["ar"]));
        Assert.Contains("محمد", Composer.Compose("محمد", "ar", Token)); // an Arabic name is kept as written in an Arabic SMS
    }

    [Theory]
    [InlineData("François", "Francois")]
    [InlineData("Hélène", "Hélène")]   // é and è are GSM-7
    [InlineData("Benoît", "Benoit")]
    [InlineData("Maëlle", "Maelle")]
    [InlineData("O’Brien", "O'Brien")]
    public void First_names_are_made_GSM7(string name, string expected) => Assert.Equal(expected, Gsm7.Transliterate(name));

    [Fact]
    public void No_health_words_in_any_template()
    {
        string[] words = ["covid", "test", "isolement", "quarantaine", "malade", "cas", "sante", "santé", "virus", "isolation", "sick", "health",
            "salud", "saude", "saúde", "aislamiento", "isolamento", "karantina", "hasta", "saglik", "sağlık", "كوفيد", "عزل", "مرض"];
        foreach (var t in Composer.Templates.Values)
            Assert.DoesNotContain(words, w => t.Split(' ', ',', ':', '.').Any(x => x.Equals(w, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Segments_count_UCS2_when_a_character_is_outside_GSM7()
    {
        Assert.Equal(1, Gsm7.Segments(new string('a', 160)));
        Assert.Equal(2, Gsm7.Segments(new string('a', 161)));
        Assert.Equal(2, Gsm7.Segments("ê" + new string('a', 70)));
    }
}
