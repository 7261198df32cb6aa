using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Stratus.Observability.Logging;

internal sealed partial class EcsConsoleFormatter
{
    /// <summary>
    /// Structured values of the message and of scopes as ECS <c>labels.*</c> keyword strings. The message's own values come
    /// first and win over scope values of the same name; names are reduced to letters, digits and underscores, because a dot
    /// would make Elasticsearch nest the field.
    /// </summary>
    private sealed class Labels(Utf8JsonWriter writer)
    {
        private const string OriginalFormat = "{OriginalFormat}";
        private readonly List<KeyValuePair<string, string>> _values = [];
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        public void AddState<TState>(TState state)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    Add(key, value);
                }
            }
        }

        public void AddScope(object? scope, ref string? traceId, ref string? spanId)
        {
            if (scope is not IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                return; // plain string scopes have no name to file them under
            }

            foreach (var (key, value) in pairs)
            {
                // ActivityTrackingOptions adds these as a scope; they are the fallback when no Activity is current.
                switch (key)
                {
                    case "TraceId":
                        traceId ??= value?.ToString();
                        break;
                    case "SpanId":
                        spanId ??= value?.ToString();
                        break;
                    case "ParentId" or "TraceState" or "TraceFlags":
                        break;
                    default:
                        Add(key, value);
                        break;
                }
            }
        }

        public void Flush()
        {
            foreach (var (name, value) in _values)
            {
                writer.WriteString(name, value);
            }
        }

        private void Add(string key, object? value)
        {
            if (value is null || string.IsNullOrEmpty(key) || key == OriginalFormat)
            {
                return;
            }

            var name = "labels." + string.Create(key.Length, key, static (span, k) =>
            {
                for (var i = 0; i < k.Length; i++)
                {
                    span[i] = char.IsAsciiLetterOrDigit(k[i]) ? k[i] : '_';
                }
            });
            if (_names.Add(name))
            {
                _values.Add(new(name, Text(value)));
            }
        }

        private static string Text(object value) => value switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            IEnumerable items => string.Join(',', items.Cast<object?>().Select(i => i is null ? string.Empty : Text(i))),
            _ => value.ToString() ?? string.Empty,
        };
    }
}
