using FluentValidation;
using KpiService.Domain;

namespace KpiService.Features;

/// <summary>Free-text fields in validators: <see cref="Domain.PlainText"/>'s rules with its own words (length, one line, no markup or control characters).</summary>
public static class TextRules
{
    public static IRuleBuilderOptions<T, string?> PlainText<T>(this IRuleBuilder<T, string?> rule, int maxLength, bool multiline = false) =>
        rule.Must(text => Domain.PlainText.Problem(text, maxLength, multiline, required: false) is null)
            .WithMessage((_, text) => Domain.PlainText.Problem(text, maxLength, multiline, required: false)!);
}
