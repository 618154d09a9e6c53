using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace RoyaAudio.Cli.Commands;

/// <summary>
/// Checks a settings object's data annotations as <c>Validator.TryValidateObject</c> did, with the same
/// messages, in a form trimming can see: the properties are kept by <see cref="DynamicallyAccessedMembersAttribute"/>
/// and each is validated against its own attributes, named, so no type is looked up by reflection at run time.
/// (The generated <c>[OptionsValidator]</c> validators prefix every message with the member's name and lose
/// some custom messages, which would change what newsrooms see.)
/// </summary>
internal static class SettingsValidation
{
    public static IReadOnlyList<string> Problems<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>(TOptions options)
        where TOptions : class
    {
        var results = new List<ValidationResult>();
        foreach (var property in typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var attributes = property.GetCustomAttributes<ValidationAttribute>(inherit: true).ToList();
            if (attributes.Count == 0 || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var context = new ValidationContext(options, displayName: property.Name, serviceProvider: null, items: null) { MemberName = property.Name };
            Validator.TryValidateValue(property.GetValue(options), context, results, attributes);
        }

        // As TryValidateObject: the object's own check runs once its properties are valid.
        if (results.Count == 0 && options is IValidatableObject validatable)
        {
            var context = new ValidationContext(options, displayName: typeof(TOptions).Name, serviceProvider: null, items: null);
            results.AddRange(validatable.Validate(context).Where(r => r != ValidationResult.Success));
        }

        return [.. results.Select(r => r.ErrorMessage ?? "invalid value")];
    }
}
