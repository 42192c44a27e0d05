using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SnogMarryAvoid.Core.Settings;

/// <summary>
/// One section of the app's settings, bound by <see cref="Settings"/>: each public property is a
/// setting whose key is <see cref="Section"/>:Name (or its <see cref="SettingKeyAttribute"/>), whose
/// default is the property's initial value, written once, here.
/// </summary>
public interface ISettings
{
    /// <summary>The configuration section ("Limits"); empty for keys at the root.</summary>
    static abstract string Section { get; }

    /// <summary>Rules across settings or beyond a type and range, each problem as "Key: what is wrong; expected …".</summary>
    IEnumerable<string> Problems() => [];
}

/// <summary>The setting's full key, when it is not the section and the property's name (e.g. <c>ConnectionStrings:Default</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingKeyAttribute(string key) : Attribute
{
    public string Key { get; } = key;
}

/// <summary>What a text setting accepts, in words, for its error message and the documentation.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingFormAttribute(string form) : Attribute
{
    public string Form { get; } = form;
}

/// <summary>A setting as the documentation lists it: its key, the value it has when unset, and what it accepts.</summary>
public sealed record SettingInfo(string Key, object? Default, string Form);

/// <summary>A settings class that <see cref="Settings.AddSettings{T}"/> registered, so that every one can be checked before the host is built.</summary>
public sealed record RegisteredSettings(Type Type);

/// <summary>
/// Binds and checks settings. A value that cannot be read, or is out of range, is named with its key and
/// the form expected ("Limits:WrongJoinCodesPerMinute is 'lots': expected a whole number from 1 to
/// 100000"); every problem of a section is raised at once as an <see cref="OptionsValidationException"/>,
/// so that start-up (<c>ValidateOnStart</c>) stops with one line per bad setting instead of a failure later.
/// </summary>
public static class Settings
{
    /// <summary>Registers <typeparamref name="T"/> as options, bound and checked here, validated when the host starts.</summary>
    public static IServiceCollection AddSettings<T>(this IServiceCollection services) where T : class, ISettings, new()
    {
        services.AddSingleton(new RegisteredSettings(typeof(T)));
        services.AddOptions<T>()
            .Configure<IConfiguration>((settings, configuration) => Bind(settings, configuration))
            .ValidateOnStart();
        return services;
    }

    /// <summary>Reads <typeparamref name="T"/> from <paramref name="configuration"/> now (for the few settings needed while services are registered).</summary>
    public static T Read<T>(IConfiguration configuration) where T : class, ISettings, new()
    {
        var settings = new T();
        Bind(settings, configuration);
        return settings;
    }

    /// <summary>
    /// Every problem of every settings class registered in <paramref name="services"/>, read from
    /// <paramref name="configuration"/> now: what the host would refuse to start with, all at once.
    /// </summary>
    public static IReadOnlyList<string> Problems(IServiceCollection services, IConfiguration configuration)
    {
        var problems = new List<string>();
        var read = typeof(Settings).GetMethod(nameof(Read))!;
        foreach (var type in services.Select(d => d.ImplementationInstance).OfType<RegisteredSettings>().Select(r => r.Type).Distinct())
        {
            try
            {
                read.MakeGenericMethod(type).Invoke(null, [configuration]);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is OptionsValidationException invalid)
            {
                problems.AddRange(invalid.Failures);
            }
        }

        return problems;
    }

    /// <summary>Every setting of <typeparamref name="T"/>: key, default and accepted form.</summary>
    public static IReadOnlyList<SettingInfo> Describe<T>() where T : class, ISettings, new() => Describe(typeof(T), T.Section, new T());

    public static IReadOnlyList<SettingInfo> Describe(Type type)
    {
        var section = (string)type.GetProperty(nameof(ISettings.Section), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        return Describe(type, section, Activator.CreateInstance(type)!);
    }

    private static List<SettingInfo> Describe(Type type, string section, object defaults) =>
        [.. Properties(type).Select(p => new SettingInfo(KeyOf(p, section), p.GetValue(defaults), FormOf(p)))];

    /// <summary>The full key of a property of <typeparamref name="T"/>, for messages.</summary>
    public static string Key<T>(string property) where T : class, ISettings, new() => KeyOf(typeof(T).GetProperty(property)!, T.Section);

    private static void Bind<T>(T settings, IConfiguration configuration) where T : class, ISettings, new()
    {
        var problems = new List<string>();
        foreach (var property in Properties(typeof(T)))
        {
            var key = KeyOf(property, T.Section);
            var raw = configuration[key];
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            if (Parse(property, raw.Trim()) is { } value && InRange(property, value))
            {
                property.SetValue(settings, value);
            }
            else
            {
                problems.Add($"{key} is '{raw}': expected {FormOf(property)}.");
            }
        }

        if (problems.Count == 0)
        {
            problems.AddRange(settings.Problems());
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(typeof(T).Name, typeof(T), problems);
        }
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);

    private static string KeyOf(PropertyInfo property, string section) =>
        property.GetCustomAttribute<SettingKeyAttribute>()?.Key ?? (section.Length == 0 ? property.Name : $"{section}:{property.Name}");

    private static Type TypeOf(PropertyInfo property) => Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;

    private static object? Parse(PropertyInfo property, string raw)
    {
        var type = TypeOf(property);
        return type switch
        {
            _ when type == typeof(string) => raw,
            _ when type == typeof(int) => int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            _ when type == typeof(double) => double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null,
            _ when type == typeof(bool) => bool.TryParse(raw, out var b) ? b : null,
            _ when type.IsEnum => Enum.GetNames(type).FirstOrDefault(n => string.Equals(n, raw, StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse(type, name) : null,
            _ => throw new NotSupportedException($"A setting of type {type.Name} cannot be read."),
        };
    }

    private static bool InRange(PropertyInfo property, object value) =>
        property.GetCustomAttribute<RangeAttribute>() is not { } range || range.IsValid(value);

    private static string FormOf(PropertyInfo property)
    {
        if (property.GetCustomAttribute<SettingFormAttribute>() is { } form)
        {
            return form.Form;
        }

        var type = TypeOf(property);
        var range = property.GetCustomAttribute<RangeAttribute>();
        var between = range is null ? "" : string.Create(CultureInfo.InvariantCulture, $" from {range.Minimum} to {range.Maximum}");
        return type switch
        {
            _ when type == typeof(int) => $"a whole number{between}",
            _ when type == typeof(double) => $"a number{between}",
            _ when type == typeof(bool) => "true or false",
            _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
            _ => "text",
        };
    }
}
