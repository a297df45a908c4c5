namespace ChildAid.Shared.Validation;

/// <summary>
/// What a service returns for input a person typed: the value, or messages (Vietnamese) keyed by the input's
/// field name, which pages show next to the field. Expected failures are outcomes, not exceptions.
/// </summary>
public sealed class Outcome<T>
{
    private Outcome(T? value, IReadOnlyDictionary<string, string> errors) { Value = value; Errors = errors; }

    public T? Value { get; }
    public IReadOnlyDictionary<string, string> Errors { get; }
    public bool Succeeded => Errors.Count == 0;

    public static Outcome<T> Ok(T value) => new(value, new Dictionary<string, string>());
    public static Outcome<T> Fail(IReadOnlyDictionary<string, string> errors) => new(default, errors);
    public static Outcome<T> Fail(string field, string message) => new(default, new Dictionary<string, string> { [field] = message });
}
