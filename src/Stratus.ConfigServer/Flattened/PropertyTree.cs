using System.Globalization;
using Stratus.ConfigServer.Files;

namespace Stratus.ConfigServer.Flattened;

/// <summary>
/// Turns flat keys back into nested maps and lists for the <c>.json</c> and <c>.yml</c> endpoints, following Spring's
/// rules: <c>a.b</c> nests, <c>a[0]</c> indexes a list (gaps filled with null), brackets that do not hold a number stay
/// part of the name, and a key below an existing leaf (<c>a</c> and <c>a.b</c>) is kept as a compound key beside it.
/// Malformed keys (<c>a..b</c>, <c>a[]</c>, <c>.a</c>) are rejected with <see cref="ArgumentException"/>.
/// </summary>
internal static class PropertyTree
{
    private const int MaxIndex = 10_000;

    public static OrderedDictionary<string, object?> Build(IEnumerable<KeyValuePair<string, ConfigScalar>> properties)
    {
        var root = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in properties)
        {
            new Cursor(key).SetInMap(root, value);
        }

        return root;
    }

    private enum Next
    {
        Leaf,
        Map,
        List,
    }

    private sealed class Cursor(string key)
    {
        private int _position = -1;
        private Next _next = Next.Map;
        private string _prefix = string.Empty;

        public void SetInMap(OrderedDictionary<string, object?> map, ConfigScalar value)
        {
            var name = ReadName();
            switch (_next)
            {
                case Next.Map:
                    map.TryGetValue(name, out var existing);
                    if (existing is OrderedDictionary<string, object?> nested)
                    {
                        SetInMap(nested, value);
                    }
                    else if (existing is not null)
                    {
                        _prefix = name + ".";
                        SetInMap(map, value);
                    }
                    else
                    {
                        var created = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
                        map[name] = created;
                        SetInMap(created, value);
                    }

                    break;
                case Next.List:
                    if (!map.TryGetValue(name, out var list) || list is not List<object?> items)
                    {
                        items = [];
                        map[name] = items;
                    }

                    SetInList(items, value);
                    break;
                default:
                    map[_prefix + name] = value;
                    break;
            }
        }

        private void SetInList(List<object?> list, ConfigScalar value)
        {
            var index = ReadIndex();
            while (list.Count <= index)
            {
                list.Add(null);
            }

            switch (_next)
            {
                case Next.Map:
                    if (list[index] is not OrderedDictionary<string, object?> map)
                    {
                        map = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
                        list[index] = map;
                    }

                    SetInMap(map, value);
                    break;
                case Next.List:
                    if (list[index] is not List<object?> nested)
                    {
                        nested = [];
                        list[index] = nested;
                    }

                    SetInList(nested, value);
                    break;
                default:
                    list[index] = value;
                    break;
            }
        }

        private string ReadName()
        {
            var start = _position + 1;
            var open = -1;
            var end = -1;
            for (var i = start; i < key.Length && end < 0; i++)
            {
                switch (key[i])
                {
                    case '.':
                        _next = Next.Map;
                        end = i;
                        break;
                    case '[':
                        open = i;
                        break;
                    case ']' when open >= 0 && int.TryParse(key.AsSpan(open + 1, i - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out _):
                        _next = Next.List;
                        end = open;
                        break;
                }
            }

            if (end < 0)
            {
                _position = key.Length;
                _next = Next.Leaf;
                end = key.Length;
            }
            else
            {
                _position = end;
            }

            if (end == start)
            {
                throw new ArgumentException("Invalid key: " + key);
            }

            return key[start..end];
        }

        private int ReadIndex()
        {
            var start = _position + 1;
            var close = key.IndexOf(']', start);
            if (close <= start || !int.TryParse(key.AsSpan(start, close - start), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > MaxIndex)
            {
                throw new ArgumentException("Invalid key: " + key);
            }

            _position = close + 1;
            if (_position == key.Length)
            {
                _next = Next.Leaf;
            }
            else
            {
                _next = key[_position] switch
                {
                    '.' => Next.Map,
                    '[' => Next.List,
                    _ => throw new ArgumentException("Invalid key: " + key),
                };
            }

            return index;
        }
    }
}
