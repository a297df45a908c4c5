using System.Collections;

namespace ChildAid.BackOffice.Localization;

/// <summary>
/// A table of words for an enum's values, written in Vietnamese (the resource keys) and read in the staff member's
/// language: indexing and enumerating give the translation, <see cref="Vietnamese"/> the keys themselves.
/// </summary>
public sealed class LabelSet<TKey>(IReadOnlyDictionary<TKey, string> vietnamese) : IReadOnlyDictionary<TKey, string> where TKey : notnull
{
    public IReadOnlyDictionary<TKey, string> Vietnamese => vietnamese;

    public string this[TKey key] => StaffText.T(vietnamese[key]);

    public IEnumerable<TKey> Keys => vietnamese.Keys;

    public IEnumerable<string> Values => vietnamese.Values.Select(StaffText.T);

    public int Count => vietnamese.Count;

    public bool ContainsKey(TKey key) => vietnamese.ContainsKey(key);

    public bool TryGetValue(TKey key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value)
    {
        var found = vietnamese.TryGetValue(key, out var text);
        value = found ? StaffText.T(text!) : null;
        return found;
    }

    public IEnumerator<KeyValuePair<TKey, string>> GetEnumerator() =>
        vietnamese.Select(p => KeyValuePair.Create(p.Key, StaffText.T(p.Value))).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
